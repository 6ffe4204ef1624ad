import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { anEventOfType, probeEventLoop, realisticHistory, releasedDeclarations } from '@customs-pulse/testing';

import { KpiEngine } from '../engine/kpi-engine.js';
import { stored } from '../engine/testing/stored-events.js';
import { pmmReport } from './pmm-report.js';
import { trsReportOf } from './trs-report.js';
import { expectSameTrsReport, trsReportByScan } from './testing/trs-report-by-scan.js';

const DAY_MS = 86_400_000;

/**
 * The SHA-256 of a report's JSON. The expected ones are what the report answered over the same history when it ran
 * in one synchronous stretch, before it gave the event loop turns: the turns change nothing of the answer.
 */
function fingerprint(report: unknown): string {
  return createHash('sha256').update(JSON.stringify(report)).digest('hex');
}

/** An engine that applied `events`, its buckets flushed as the projector's commit leaves them. */
function engineOf(events: Iterable<Readonly<Record<string, unknown>>>): KpiEngine {
  const engine = new KpiEngine();
  for (const raw of events) engine.apply(stored(raw));
  engine.drainDirty();
  return engine;
}

describe('the TRS report over a long history in memory', () => {
  // March 2026 holds the whole history: 31 days of a hundred lines of aggregates, and the held declarations for the outliers.
  const period = { from: Date.parse('2026-03-01T00:00:00.000Z'), to: Date.parse('2026-04-01T00:00:00.000Z') };
  let engine: KpiEngine;

  beforeAll(() => {
    // About 90,000 events: a report of some 150 ms on the shared test machine.
    engine = engineOf(realisticHistory(16, 12_000).map(({ type, subject, data, envelope }) => anEventOfType(type, subject, data, envelope)));
  }, 60_000);

  it('gives the event loop turns while it merges the days and reads the outliers, and answers what a scan of the facts does', async () => {
    const probe = probeEventLoop();
    const report = await trsReportOf(engine, null, { period, filters: {}, position: 1 });
    const stalls = probe.stop();

    expect(report.overall.n).toBeGreaterThan(6_000);
    expectSameTrsReport(report, trsReportByScan(engine.heldDeclarations(), period, {}, engine.releaseTargetHours));
    // Merging days is short work now (a scan of these facts took some 150 ms): no tick is needed to prove the turns,
    // only that no stretch is long. The bound is loose, the bench measures the real figure.
    expect(stalls.longestStallMs).toBeLessThan(200);
  });
});

describe('the PMM report over many offices and days', () => {
  const first = Date.parse('2025-09-01T00:00:00.000Z');
  const period = { from: first, to: first + 90 * DAY_MS };
  let engine: KpiEngine;

  beforeAll(() => {
    // 100 offices, one release a day each for 90 days: a report of some 150 ms on the shared test machine.
    engine = engineOf(
      Array.from({ length: 100 }, (_, office) =>
        Array.from({ length: 90 }, (_, day) =>
          releasedDeclarations(`O-${office}`, 1 + (day % 7), 1, new Date(first + day * DAY_MS + 12 * 3_600_000).toISOString(), `O${office}-D${day}`),
        ),
      ).flat(2),
    );
  }, 60_000);

  it('gives the event loop turns between its values, and answers what it did before', async () => {
    const probe = probeEventLoop();
    const report = await pmmReport(engine, null, { period, position: 1 });
    const stalls = probe.stop();

    expect(report.dimensions[0]!.kpis[0]!.offices).toHaveLength(100);
    expect(fingerprint(report)).toBe('e4e740d5c28b6c8d9f8a0812f65a838bc8507ff11f3b0b52fb97f93ea54def16');
    // One tick is the proof; how many more depends on how fast the machine runs it (Node 24 ran one scan in 2).
    expect(stalls.ticks).toBeGreaterThanOrEqual(1);
    expect(stalls.longestStallMs).toBeLessThan(200);
  });
});
