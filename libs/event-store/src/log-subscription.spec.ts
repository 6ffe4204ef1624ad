import { isPending } from '@customs-pulse/testing';
import { afterEach, describe, expect, it } from '@jest/globals';

import { AppendNotifications } from './append-notifications.js';
import { clearanceEvent } from './contract/event-fixtures.js';
import { type LogSubscriptionSource, subscribeToLog } from './log-subscription.js';
import { type Position, type RecordedEvent, START } from './recorded-event.js';

/** Longer than any test: a subscription that reads again in a test was woken, not polled. */
const NO_POLL_MS = 10_000;

/** A log held in memory that counts its reads; `store` commits like an adapter does, then notifies. */
class InMemoryLog implements LogSubscriptionSource {
  readonly notifications = new AppendNotifications();
  readonly reads: { afterPosition: Position; limit: number }[] = [];
  /** Runs inside the next read, after the read took its snapshot: a commit racing the read. */
  duringNextRead: (() => void) | undefined;
  private readonly events: RecordedEvent[] = [];
  private readonly closer = new AbortController();
  readonly closed = this.closer.signal;

  constructor(readonly pollIntervalMs = NO_POLL_MS) {}

  async readAll(afterPosition: Position, limit: number): Promise<RecordedEvent[]> {
    this.reads.push({ afterPosition, limit });
    const batch = this.events.filter((event) => event.position > afterPosition).slice(0, limit);
    const racingCommit = this.duringNextRead;
    this.duringNextRead = undefined;
    racingCommit?.();
    return batch;
  }

  /** Appends `count` events; `notify: false` is a commit by another process, which this one does not hear of. */
  store(count: number, { notify = true } = {}): void {
    for (let i = 0; i < count; i += 1) this.events.push(recordedEventAt(this.events.length + 1));
    if (notify) this.notifications.notify();
  }

  close(): void {
    this.closer.abort();
  }
}

function recordedEventAt(position: Position): RecordedEvent {
  return {
    ...clearanceEvent('DEC-1', { id: `evt-at-${position}` }),
    extensions: {},
    stream: 'declaration-DEC-1',
    revision: position - 1,
    position,
    recordedAt: '2026-03-01T09:00:00.000Z',
    hash: String(position).padStart(64, '0'),
  };
}

function positionsOf(result: IteratorResult<readonly RecordedEvent[]>): Position[] | 'done' {
  return result.done ? 'done' : result.value.map((event) => event.position);
}


describe('subscribeToLog', () => {
  const logs: InMemoryLog[] = [];

  /** A log closed after the test, so that no subscription is left polling, even when the test fails. */
  function aLog(pollIntervalMs?: number): InMemoryLog {
    const log = new InMemoryLog(pollIntervalMs);
    logs.push(log);
    return log;
  }

  afterEach(() => {
    for (const log of logs.splice(0)) log.close();
  });

  it('yields the stored events after the given position in batches of batchSize, in position order', async () => {
    const log = aLog();
    log.store(5);
    const subscription = subscribeToLog(log, 1, { batchSize: 2 });

    const batches = [positionsOf(await subscription.next()), positionsOf(await subscription.next())];

    expect(batches).toEqual([
      [2, 3],
      [4, 5],
    ]);
    expect(log.reads).toEqual([
      { afterPosition: 1, limit: 2 },
      { afterPosition: 3, limit: 2 },
    ]);
  });

  it('reads 500 events at a time unless told otherwise', async () => {
    const log = aLog();
    log.store(1);
    const subscription = subscribeToLog(log, START);

    await subscription.next();

    expect(log.reads).toEqual([{ afterPosition: START, limit: 500 }]);
  });

  it('reads the next batch only when the consumer asks for it', async () => {
    const log = aLog();
    log.store(3);
    const subscription = subscribeToLog(log, START, { batchSize: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    const readsBeforeFirstAsk = log.reads.length;

    await subscription.next();
    await new Promise((resolve) => setImmediate(resolve));
    const readsWhileConsumerHoldsFirstBatch = log.reads.length;
    await subscription.next();
    await new Promise((resolve) => setImmediate(resolve));

    expect([readsBeforeFirstAsk, readsWhileConsumerHoldsFirstBatch, log.reads.length]).toEqual([0, 1, 2]);
  });

  it('waits when caught up, without reading again, and resumes with the new events when an append is notified', async () => {
    const log = aLog();
    log.store(1);
    const subscription = subscribeToLog(log, START);
    await subscription.next();

    const live = subscription.next();

    expect(await isPending(live)).toBe(true);
    expect(log.reads).toHaveLength(2);
    log.store(2);
    expect(positionsOf(await live)).toEqual([2, 3]);
    expect(log.reads.map((read) => read.afterPosition)).toEqual([START, 1, 1]);
  });

  it('reads again at once when an append commits while it reads an empty log, instead of sleeping through it', async () => {
    const log = aLog();
    log.duringNextRead = () => log.store(1);
    const subscription = subscribeToLog(log, START);

    const first = subscription.next();

    expect(await isPending(first)).toBe(false);
    expect(positionsOf(await first)).toEqual([1]);
  });

  it('reads again after pollIntervalMs when another process appends without a notification', async () => {
    const log = aLog(20);
    const subscription = subscribeToLog(log, START);
    const first = subscription.next();
    await new Promise((resolve) => setImmediate(resolve));

    log.store(1, { notify: false });

    expect(positionsOf(await first)).toEqual([1]);
  });

  it('ends while it waits for new events when the signal aborts', async () => {
    const log = aLog();
    const controller = new AbortController();
    const subscription = subscribeToLog(log, START, { signal: controller.signal });
    const live = subscription.next();
    expect(await isPending(live)).toBe(true);

    controller.abort();

    expect(positionsOf(await live)).toBe('done');
    expect(log.reads).toHaveLength(1);
  });

  it('ends while it waits for new events when the store closes', async () => {
    const log = aLog();
    const subscription = subscribeToLog(log, START);
    const live = subscription.next();
    expect(await isPending(live)).toBe(true);

    log.close();

    expect(positionsOf(await live)).toBe('done');
  });

  it('ends without reading again when aborted while the consumer holds a batch', async () => {
    const log = aLog();
    log.store(3);
    const controller = new AbortController();
    const subscription = subscribeToLog(log, START, { batchSize: 1, signal: controller.signal });
    await subscription.next();

    controller.abort();

    expect(positionsOf(await subscription.next())).toBe('done');
    expect(log.reads).toHaveLength(1);
  });

  it.each([
    ['its signal was aborted', (log: InMemoryLog) => subscribeToLog(log, START, { signal: AbortSignal.abort() })],
    [
      'the store was closed',
      (log: InMemoryLog) => {
        log.close();
        return subscribeToLog(log, START);
      },
    ],
  ])('ends at once, without reading, when %s before the first batch', async (_case, subscribe) => {
    const log = aLog();
    log.store(1);

    const result = await subscribe(log).next();

    expect(positionsOf(result)).toBe('done');
    expect(log.reads).toHaveLength(0);
  });
});
