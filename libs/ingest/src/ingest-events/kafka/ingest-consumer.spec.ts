import { describe, expect, it } from '@jest/globals';
import { EventStoreUnavailableError } from '@customs-pulse/event-store';
import { waitUntil } from '@customs-pulse/testing';
import type { ConsumedRecord } from '../../messaging/consumed-record.js';
import type { DeadLetter, DeadLetterSink } from '../../messaging/dead-letter-sink.port.js';
import type { RecordBatch, RecordBatchHandler, RecordBatchSource } from '../../messaging/record-batch-source.port.js';
import type { IngestEventsCommand } from '../ingest-events.command.js';
import type { IngestReport } from '../ingest-report.js';
import { IngestConsumer, type IngestEvents } from './ingest-consumer.js';

/** Everything the fakes saw, in order: how a test checks that nothing is committed before it is stored. */
type Step = `append ${string}` | `dead-letter ${string}` | `commit ${string}` | 'heartbeat';

function aRecord(offset: number, value: string | null): ConsumedRecord {
  return { topic: 't', partition: 0, offset: String(offset), key: null, value: value === null ? null : Buffer.from(value), headers: {} };
}

class FakeBatch implements RecordBatch {
  readonly topic = 't';
  readonly partition = 0;
  revoked = false;
  failCommits = 0;

  constructor(readonly records: readonly ConsumedRecord[], private readonly steps: Step[]) {}

  isRevoked(): boolean {
    return this.revoked;
  }

  async heartbeat(): Promise<void> {
    this.steps.push('heartbeat');
  }

  async commitThrough(record: ConsumedRecord): Promise<void> {
    if (this.failCommits-- > 0) throw new Error('NOT_COORDINATOR');
    this.steps.push(`commit ${record.offset}`);
  }
}

class FakeSource implements RecordBatchSource {
  readonly inGroup = true;
  private handler?: RecordBatchHandler;
  private inFlight: Promise<void> = Promise.resolve();

  async start(handler: RecordBatchHandler): Promise<void> {
    this.handler = handler;
  }

  deliver(batch: RecordBatch): Promise<void> {
    this.inFlight = this.handler!(batch);
    return this.inFlight;
  }

  async stop(): Promise<void> {
    await this.inFlight;
  }
}

class FakeDeadLetterSink implements DeadLetterSink {
  readonly letters: DeadLetter[] = [];
  failures = 0;

  constructor(private readonly steps: Step[]) {}

  async connect(): Promise<void> {}
  async close(): Promise<void> {}

  async send(letters: readonly DeadLetter[]): Promise<void> {
    if (this.failures-- > 0) throw new Error('NOT_ENOUGH_REPLICAS');
    this.letters.push(...letters);
    this.steps.push(`dead-letter ${letters.map(({ record }) => record.offset).join(',')}`);
  }
}

/**
 * Accepts values starting with `ok`, rejects the others; `failures` errors are thrown first. An append holding a value
 * starting with `poison` fails with a content error (as PostgreSQL's `invalid input syntax for type json`), every time.
 */
class FakeIngest implements IngestEvents {
  failures: Error[] = [];
  /** Every append tried, stored or not. */
  readonly attempts: string[] = [];
  /** When set, an append waits for this before it resolves. */
  gate?: Promise<void>;

  constructor(private readonly steps: Step[]) {}

  async execute({ candidates }: IngestEventsCommand): Promise<IngestReport> {
    const values = candidates.map((candidate) => ('bytes' in candidate ? Buffer.from(candidate.bytes).toString() : ''));
    this.attempts.push(values.join(','));
    const failure = this.failures.shift();
    if (failure) throw failure;
    if (values.some((value) => value.startsWith('poison'))) throw Object.assign(new Error('invalid input syntax for type json'), { code: '22P02' });
    await this.gate;
    this.steps.push(`append ${values.join(',')}`);
    const outcomes = values.map((value) => (value.startsWith('ok') ? ('accepted' as const) : ('rejected' as const)));
    return {
      accepted: outcomes.filter((outcome) => outcome === 'accepted').length,
      duplicates: 0,
      rejected: values.flatMap((value, index) =>
        outcomes[index] === 'rejected' ? [{ index, errors: [{ path: '', message: `not an event: ${JSON.stringify(value)}` }] }] : [],
      ),
      outcomes,
    };
  }
}

const silent = { log: () => {}, warn: () => {}, error: () => {} };

function aConsumer(options: { maxEventsPerAppend?: number; heartbeatIntervalMs?: number; backoffMs?: number; poisonMaxAttempts?: number } = {}) {
  const steps: Step[] = [];
  const source = new FakeSource();
  const sink = new FakeDeadLetterSink(steps);
  const ingest = new FakeIngest(steps);
  const warnings: string[] = [];
  const consumer = new IngestConsumer(
    source,
    sink,
    ingest,
    { now: () => new Date('2026-03-01T08:00:00Z') },
    {
      maxEventsPerAppend: options.maxEventsPerAppend ?? 500,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1_000,
      backoff: { initialMs: options.backoffMs ?? 1, maxMs: Math.max(4, options.backoffMs ?? 1), multiplier: 2 },
      poisonMaxAttempts: options.poisonMaxAttempts ?? 3,
    },
    { ...silent, warn: (message: string) => warnings.push(message), error: (message: string) => warnings.push(message) },
  );
  const batchOf = (...values: (string | null)[]) => new FakeBatch(values.map((value, offset) => aRecord(offset, value)), steps);
  return { consumer, source, sink, ingest, steps, warnings, batchOf };
}

const withoutHeartbeats = (steps: readonly Step[]) => steps.filter((step) => step !== 'heartbeat');

describe('IngestConsumer', () => {
  it('appends a batch, dead-letters its rejects with their reasons, and only then commits through its last record', async () => {
    const { consumer, source, sink, steps, batchOf } = aConsumer();
    await consumer.start();

    await source.deliver(batchOf('ok-a', 'bad', 'ok-b'));

    expect(withoutHeartbeats(steps)).toEqual(['append ok-a,bad,ok-b', 'dead-letter 1', 'commit 2']);
    expect(sink.letters).toEqual([
      {
        record: aRecord(1, 'bad'),
        reasons: [{ path: '', message: 'not an event: "bad"' }],
        deadLetteredAt: new Date('2026-03-01T08:00:00Z'),
      },
    ]);
  });

  it('turns a record without a value into a rejected candidate, dead-lettered, never skipped', async () => {
    const { consumer, source, sink, steps, batchOf } = aConsumer();
    await consumer.start();

    await source.deliver(batchOf(null, 'ok-a'));

    expect(withoutHeartbeats(steps)).toEqual(['append ,ok-a', 'dead-letter 0', 'commit 1']);
    expect(sink.letters[0]!.record.value).toBeNull();
  });

  it('appends and commits a large batch in slices of maxEventsPerAppend', async () => {
    const { consumer, source, steps, batchOf } = aConsumer({ maxEventsPerAppend: 2 });
    await consumer.start();

    await source.deliver(batchOf('ok-0', 'ok-1', 'ok-2', 'ok-3', 'ok-4'));

    expect(withoutHeartbeats(steps)).toEqual(['append ok-0,ok-1', 'commit 1', 'append ok-2,ok-3', 'commit 3', 'append ok-4', 'commit 4']);
  });

  it('retries the same batch with a capped exponential backoff while the store is unavailable, committing nothing before it is stored', async () => {
    const { consumer, source, ingest, steps, warnings, batchOf } = aConsumer();
    ingest.failures = Array.from({ length: 5 }, () => new EventStoreUnavailableError('connection refused'));
    await consumer.start();

    await source.deliver(batchOf('ok-a', 'ok-b'));

    expect(withoutHeartbeats(steps)).toEqual(['append ok-a,ok-b', 'commit 1']);
    expect(warnings.map((warning) => /retrying in (\d+) ms/.exec(warning)?.[1])).toEqual(['1', '2', '4', '4', '4']);
  });

  it('retries a slice whose append fails for its content, and stores it all when a later try succeeds', async () => {
    const { consumer, source, ingest, steps, warnings, batchOf } = aConsumer();
    ingest.failures = [new TypeError('a bug'), new TypeError('a bug')];
    await consumer.start();

    await source.deliver(batchOf('ok-a'));

    expect(withoutHeartbeats(steps)).toEqual(['append ok-a', 'commit 0']);
    expect(warnings).toHaveLength(2);
  });

  it('retries infrastructure failures (store unavailable, serialization failure, lock timeout) for as long as they last, dead-lettering nothing', async () => {
    const { consumer, source, sink, ingest, steps, batchOf } = aConsumer({ poisonMaxAttempts: 1, backoffMs: 0 });
    const infrastructure = [
      new EventStoreUnavailableError('connection refused'),
      Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' }),
      Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' }),
      Object.assign(new Error('Connection terminated unexpectedly'), {}),
      Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
    ];
    ingest.failures = Array.from({ length: 20 }, (_, i) => infrastructure[i % infrastructure.length]!);
    await consumer.start();

    await source.deliver(batchOf('ok-a', 'ok-b'));

    expect(ingest.attempts).toHaveLength(21);
    expect(withoutHeartbeats(steps)).toEqual(['append ok-a,ok-b', 'commit 1']);
    expect(sink.letters).toEqual([]);
  });

  it('after poisonMaxAttempts content failures, appends the slice one record at a time and dead-letters the poison with the error', async () => {
    const { consumer, source, sink, ingest, steps, batchOf } = aConsumer({ poisonMaxAttempts: 3 });
    await consumer.start();

    await source.deliver(batchOf('ok-a', 'poison-b', 'bad-c', 'ok-d'));

    expect(ingest.attempts).toEqual([...Array(3).fill('ok-a,poison-b,bad-c,ok-d'), 'ok-a', ...Array(3).fill('poison-b'), 'bad-c', 'ok-d']);
    expect(withoutHeartbeats(steps)).toEqual(['append ok-a', 'append bad-c', 'append ok-d', 'dead-letter 1,2', 'commit 3']);
    expect(sink.letters.map(({ record, reasons }) => [record.offset, reasons])).toEqual([
      ['1', [{ path: '', message: 'could not be stored (3 attempts): Error: invalid input syntax for type json' }]],
      ['2', [{ path: '', message: 'not an event: "bad-c"' }]],
    ]);
  });

  it('dead-letters a lone poison record after poisonMaxAttempts tries, without trying it again alone', async () => {
    const { consumer, source, sink, ingest, steps, batchOf } = aConsumer({ poisonMaxAttempts: 2 });
    await consumer.start();

    await source.deliver(batchOf('poison-a'));

    expect(ingest.attempts).toEqual(['poison-a', 'poison-a']);
    expect(withoutHeartbeats(steps)).toEqual(['dead-letter 0', 'commit 0']);
    expect(sink.letters).toHaveLength(1);
  });

  it('while looking for the poison, still waits out an infrastructure failure rather than dead-letter a valid record', async () => {
    const { consumer, source, sink, ingest, steps, batchOf } = aConsumer({ poisonMaxAttempts: 1 });
    await consumer.start();
    const outage = new EventStoreUnavailableError('failover');
    // The first try fails for its content; then, alone, ok-a meets a store outage twice before it is stored.
    const execute = ingest.execute.bind(ingest);
    let alone = 0;
    ingest.execute = async (command) => {
      if (command.candidates.length === 1 && (alone += 1) <= 2) throw outage;
      return execute(command);
    };

    await source.deliver(batchOf('ok-a', 'poison-b'));

    expect(withoutHeartbeats(steps)).toEqual(['append ok-a', 'dead-letter 1', 'commit 1']);
    expect(sink.letters.map(({ record }) => record.offset)).toEqual(['1']);
  });

  it('retries dead-lettering without appending again, and commits only once the dead letters are acknowledged', async () => {
    const { consumer, source, sink, steps, batchOf } = aConsumer();
    sink.failures = 2;
    await consumer.start();

    await source.deliver(batchOf('bad', 'ok-a'));

    expect(withoutHeartbeats(steps)).toEqual(['append bad,ok-a', 'dead-letter 0', 'commit 1']);
  });

  it('retries a failed commit', async () => {
    const { consumer, source, steps, batchOf } = aConsumer();
    await consumer.start();
    const batch = batchOf('ok-a');
    batch.failCommits = 1;

    await source.deliver(batch);

    expect(withoutHeartbeats(steps)).toEqual(['append ok-a', 'commit 0']);
  });

  it('keeps heartbeating while it waits out a long backoff', async () => {
    // Real timers: the backoff is 40 heartbeat intervals, so that a loaded machine's late timers still leave two.
    const { consumer, source, ingest, steps, batchOf } = aConsumer({ heartbeatIntervalMs: 5, backoffMs: 200 });
    ingest.failures = [new EventStoreUnavailableError('down')];
    await consumer.start();

    await source.deliver(batchOf('ok-a'));

    expect(steps.indexOf('heartbeat')).toBeLessThan(steps.indexOf('append ok-a'));
    expect(steps.slice(0, steps.indexOf('append ok-a')).length).toBeGreaterThanOrEqual(2);
  });

  it('on stop, finishes and commits the slice being appended, and starts no other', async () => {
    const { consumer, source, ingest, steps, batchOf } = aConsumer({ maxEventsPerAppend: 1 });
    let finishAppend!: () => void;
    ingest.gate = new Promise((resolve) => (finishAppend = resolve));
    await consumer.start();

    const delivered = source.deliver(batchOf('ok-a', 'ok-b'));
    const stopped = consumer.stop();
    finishAppend();
    await Promise.all([delivered, stopped]);

    expect(withoutHeartbeats(steps)).toEqual(['append ok-a', 'commit 0']);
  });

  it('on stop, gives up a batch waiting out a store outage, uncommitted, without waiting out the backoff', async () => {
    const { consumer, source, ingest, steps, batchOf } = aConsumer({ backoffMs: 60_000 });
    ingest.failures = [new EventStoreUnavailableError('down')];
    await consumer.start();

    const delivered = source.deliver(batchOf('ok-a'));
    // The append has failed, so the consumer is waiting out its backoff when it is told to stop.
    await waitUntil('the append has failed once', () => ingest.failures.length === 0);
    const started = Date.now();
    await consumer.stop();
    await delivered;

    expect(withoutHeartbeats(steps)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('does not commit a batch whose partition was revoked while it was appended', async () => {
    const { consumer, source, ingest, steps, batchOf } = aConsumer();
    const batch = batchOf('ok-a');
    let finishAppend!: () => void;
    ingest.gate = new Promise((resolve) => (finishAppend = resolve));
    await consumer.start();

    const delivered = source.deliver(batch);
    batch.revoked = true;
    finishAppend();
    await delivered;

    expect(withoutHeartbeats(steps)).toEqual(['append ok-a']);
  });

  it('gives up, uncommitted, a failing batch whose partition was revoked', async () => {
    const { consumer, source, ingest, steps, batchOf } = aConsumer({ backoffMs: 5 });
    ingest.failures = Array.from({ length: 1_000 }, () => new EventStoreUnavailableError('down'));
    const batch = batchOf('ok-a');
    await consumer.start();

    const delivered = source.deliver(batch);
    await waitUntil('the append has failed once', () => ingest.failures.length < 1_000);
    batch.revoked = true;
    await delivered;

    expect(withoutHeartbeats(steps)).toEqual([]);
  });
});
