import { describe, expect, it } from '@jest/globals';
import { InMemoryIngestQualityTally } from './adapters/memory/in-memory-ingest-quality-tally.js';
import type { IngestQualityCounts } from './ingest-quality-tally.port.js';
import { IngestQualityRecorder } from './ingest-quality-recorder.js';

const lane = { path: 'data.lane', message: 'must be one of GREEN, YELLOW, RED, BLUE' };
const LANE_REASON = 'data.lane: must be one of GREEN, YELLOW, RED, BLUE';
const aReject = (index = 0) => ({ index, errors: [lane] });

/** An in-memory tally that counts its writes and fails the first `failures` of them. */
class CountingTally extends InMemoryIngestQualityTally {
  writes = 0;
  closed = false;

  constructor(private failures = 0) {
    super();
  }

  override async record(counts: IngestQualityCounts): Promise<void> {
    this.writes += 1;
    if (this.failures-- > 0) throw new Error('SQLITE_BUSY');
    await super.record(counts);
  }

  override async close(): Promise<void> {
    this.closed = true;
  }
}

function aRecorder(options: { failures?: number; flushDelayMs?: number } = {}) {
  const tally = new CountingTally(options.failures);
  const warnings: string[] = [];
  const logger = { log: () => {}, error: () => {}, warn: (message: string) => warnings.push(message) };
  const recorder = new IngestQualityRecorder(tally, { flushDelayMs: options.flushDelayMs ?? 60_000 }, logger);
  return { tally, recorder, warnings };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('IngestQualityRecorder', () => {
  it('writes the counts of many ingests in one write', async () => {
    const { tally, recorder } = aRecorder();

    recorder.record({ rejected: [aReject(0), aReject(3)], duplicates: 1 });
    recorder.record({ rejected: [], duplicates: 2 });
    recorder.record({ rejected: [aReject(1)], duplicates: 0 });
    await recorder.flush();

    expect(tally.writes).toBe(1);
    expect(await tally.read()).toEqual({ rejected: { total: 3, byReason: [{ reason: LANE_REASON, count: 3 }] }, duplicates: 3 });
  });

  it('writes nothing for ingests with neither rejects nor duplicates', async () => {
    const { tally, recorder } = aRecorder();

    recorder.record({ rejected: [], duplicates: 0 });
    await recorder.flush();

    expect(tally.writes).toBe(0);
  });

  it('writes by itself once the flush delay has passed', async () => {
    const { tally, recorder } = aRecorder({ flushDelayMs: 5 });

    recorder.record({ rejected: [aReject()], duplicates: 0 });
    expect(tally.writes).toBe(0);
    await wait(50);

    expect(tally.writes).toBe(1);
    expect((await tally.read()).rejected.total).toBe(1);
  });

  it('never throws from record, even on a report it cannot count', () => {
    const { recorder, warnings } = aRecorder();
    const broken = { rejected: [{ index: 0, errors: null as never }], duplicates: 0 };

    expect(() => recorder.record(broken)).not.toThrow();
    expect(warnings).toHaveLength(1);
  });

  it('keeps the counts of a failed write for the next one, warning once per outage', async () => {
    const { tally, recorder, warnings } = aRecorder({ failures: 2 });

    recorder.record({ rejected: [aReject()], duplicates: 1 });
    await recorder.flush();
    recorder.record({ rejected: [aReject()], duplicates: 0 });
    await recorder.flush();
    await recorder.flush();

    expect(tally.writes).toBe(3);
    expect(warnings).toHaveLength(1);
    expect(await tally.read()).toEqual({ rejected: { total: 2, byReason: [{ reason: LANE_REASON, count: 2 }] }, duplicates: 1 });
  });

  it('writes the last counts at shutdown, then closes the tally', async () => {
    const { tally, recorder } = aRecorder();
    recorder.record({ rejected: [], duplicates: 4 });

    await recorder.onApplicationShutdown();

    expect((await tally.read()).duplicates).toBe(4);
    expect(tally.closed).toBe(true);
  });
});
