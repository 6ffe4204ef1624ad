import { afterEach, describe, expect, it } from '@jest/globals';
import { TestClock } from '@customs-pulse/testing';
import { WrongExpectedRevisionError } from '../errors.js';
import type { EventStore } from '../event-store.port.js';
import { chainHash, GENESIS_HASH } from '../hash-chain.js';
import { type EventToAppend, START, type Position, type RecordedEvent } from '../recorded-event.js';
import { clearanceEvent, clearanceEvents } from './event-fixtures.js';

/** Opens a fresh, empty store for one test, reading time from `clock`. */
export type OpenEmptyStore = (clock: TestClock) => Promise<EventStore>;

/**
 * The behaviour every EventStore adapter must have (architecture.md, "Ports"). Each adapter's int-spec calls this
 * with a way to open an empty store, and adds what is specific to its engine.
 */
export function eventStoreContract(openEmptyStore: OpenEmptyStore): void {
  const opened: EventStore[] = [];
  const clock = new TestClock();
  const open = async (): Promise<EventStore> => {
    const store = await openEmptyStore(clock);
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    clock.set('2026-03-01T08:00:00.000Z');
  });

  describe('append and read', () => {
    it('stores events with global positions, stream revisions, recordedAt and their content unchanged', async () => {
      const store = await open();
      const first = clearanceEvent('DEC-1', { extensions: { traceparent: '00-abc-01', priority: 2 } });
      const [second, third] = clearanceEvents('DEC-2', 2);

      await store.append('DEC-1', [first]);
      clock.advance(1500);
      const result = await store.append('DEC-2', [second!, third!]);

      expect(result).toEqual({
        stream: 'DEC-2',
        streamRevision: 1,
        outcomes: [
          { status: 'appended', position: 2, revision: 0 },
          { status: 'appended', position: 3, revision: 1 },
        ],
      });
      const log = await store.readAll(START, 10);
      expect(log.map((event) => [event.position, event.stream, event.revision])).toEqual([
        [1, 'DEC-1', 0],
        [2, 'DEC-2', 0],
        [3, 'DEC-2', 1],
      ]);
      expect(log[0]).toMatchObject({ ...first, recordedAt: '2026-03-01T08:00:00.000Z' });
      expect(log[1]).toMatchObject({ ...second, recordedAt: '2026-03-01T08:00:01.500Z' });
    });

    it('reads one stream in revision order, from a revision and up to a limit', async () => {
      const store = await open();
      await store.append('DEC-1', clearanceEvents('DEC-1', 3));
      await store.append('DEC-2', clearanceEvents('DEC-2', 2));
      await store.append('DEC-1', clearanceEvents('DEC-1', 2));

      expect((await store.readStream('DEC-1')).map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
      expect((await store.readStream('DEC-1', { fromRevision: 2, limit: 2 })).map((e) => e.position)).toEqual([3, 6]);
      expect(await store.readStream('DEC-404')).toEqual([]);
    });

    it('reads the global log after a position, in pages', async () => {
      const store = await open();
      await store.append('DEC-1', clearanceEvents('DEC-1', 5));

      expect((await store.readAll(2, 2)).map((event) => event.position)).toEqual([3, 4]);
      expect((await store.readAll(5, 10))).toEqual([]);
    });

    it('reads the events of the types asked only, after a position, in position order and pages', async () => {
      const store = await open();
      const typed = (type: string): EventToAppend => clearanceEvent('DEC-1', { type });
      // Positions 1 to 7: the types asked for are at 2, 4, 5 and 7.
      await store.append('DEC-1', [typed('LaneAssigned'), typed('AlertRaised'), typed('GoodsArrived'), typed('TargetSet'), typed('AlertRaised')]);
      await store.append('DEC-1', [typed('LaneAssigned'), typed('TargetSet')]);
      const types = ['AlertRaised', 'TargetSet'];

      expect((await store.readAllOfTypes(types, START, 10)).map((event) => [event.position, event.type])).toEqual([
        [2, 'AlertRaised'],
        [4, 'TargetSet'],
        [5, 'AlertRaised'],
        [7, 'TargetSet'],
      ]);
      expect((await store.readAllOfTypes(types, 2, 2)).map((event) => event.position)).toEqual([4, 5]);
      expect((await store.readAllOfTypes(types, 7, 10))).toEqual([]);
      expect((await store.readAllOfTypes(['Unknown'], START, 10))).toEqual([]);
      // The same events as the whole log holds, content and all.
      expect(await store.readAllOfTypes(['GoodsArrived'], START, 10)).toEqual([(await store.readAll(2, 1))[0]]);
    });

    it('never lets recordedAt go backwards when the clock steps back', async () => {
      const store = await open();
      clock.set('2026-03-01T09:00:00.000Z');
      await store.append('DEC-1', [clearanceEvent('DEC-1')]);
      clock.set('2026-03-01T08:59:00.000Z');
      await store.append('DEC-1', [clearanceEvent('DEC-1')]);

      const log = await store.readAll(START, 10);
      expect(log.map((event) => event.recordedAt)).toEqual(['2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z']);
    });

    it('reports the head: position 0 and the genesis hash when empty, then the last event', async () => {
      const store = await open();
      expect(await store.head()).toEqual({ position: 0, hash: GENESIS_HASH, recordedAt: null });

      await store.append('DEC-1', clearanceEvents('DEC-1', 2));
      const [, last] = await store.readAll(START, 10);
      expect(await store.head()).toEqual({ position: 2, hash: last!.hash, recordedAt: last!.recordedAt });
    });
  });

  describe('hash chain', () => {
    it('links every stored event to its predecessor, starting from the genesis hash', async () => {
      const store = await open();
      await store.appendMany([
        { stream: 'DEC-1', events: clearanceEvents('DEC-1', 2) },
        { stream: 'DEC-2', events: clearanceEvents('DEC-2', 1) },
      ]);
      await store.append('DEC-1', clearanceEvents('DEC-1', 1));

      const log = await store.readAll(START, 10);
      expectChainVerifies(log);
      expect(log).toHaveLength(4);
    });
  });

  describe('optimistic concurrency', () => {
    it.each([
      ['no_stream', 'a new stream', 0, true],
      ['no_stream', 'an existing stream', 1, false],
      ['stream_exists', 'an existing stream', 1, true],
      ['stream_exists', 'a new stream', 0, false],
      [1, 'a stream at revision 1', 2, true],
      [0, 'a stream at revision 1', 2, false],
      [3, 'a stream at revision 1', 2, false],
      ['any', 'any stream', 2, true],
    ] as const)('expected %p on %s: passes = %p', async (expected, _situation, existing, passes) => {
      const store = await open();
      if (existing > 0) await store.append('DEC-1', clearanceEvents('DEC-1', existing));

      const attempt = store.append('DEC-1', [clearanceEvent('DEC-1')], expected);

      if (passes) {
        await expect(attempt).resolves.toMatchObject({ streamRevision: existing });
      } else {
        await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream('DEC-1')).toHaveLength(existing);
      }
    });

    it('names the stream, the expected and the actual revision when the check fails', async () => {
      const store = await open();
      await store.append('DEC-1', clearanceEvents('DEC-1', 2));

      await expect(store.append('DEC-1', [clearanceEvent('DEC-1')], 0)).rejects.toMatchObject({
        stream: 'DEC-1',
        expected: 0,
        actual: 1,
        message: 'stream "DEC-1": expected revision 0, actual 1',
      });
    });

    it('stores nothing of a batch when one of its writes fails its check', async () => {
      const store = await open();
      await store.append('DEC-1', [clearanceEvent('DEC-1')]);

      const batch = store.appendMany([
        { stream: 'DEC-2', events: [clearanceEvent('DEC-2')] },
        { stream: 'DEC-1', events: [clearanceEvent('DEC-1')], expected: 'no_stream' },
      ]);

      await expect(batch).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.head()).position).toBe(1);
    });

    it('lets only one of two writers with the same expected revision win', async () => {
      const store = await open();
      await store.append('DEC-1', [clearanceEvent('DEC-1')]);

      const results = await Promise.allSettled([
        store.append('DEC-1', [clearanceEvent('DEC-1')], 0),
        store.append('DEC-1', [clearanceEvent('DEC-1')], 0),
      ]);

      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(await store.readStream('DEC-1')).toHaveLength(2);
    });
  });

  describe('idempotency on (source, id)', () => {
    it('reports the same event sent again as a duplicate and stores nothing', async () => {
      const store = await open();
      const event = clearanceEvent('DEC-1');
      await store.append('DEC-1', [event]);

      const again = await store.append('DEC-1', [{ ...event }]);

      expect(again.outcomes).toEqual([{ status: 'duplicate', position: 1 }]);
      expect((await store.head()).position).toBe(1);
    });

    it('treats a resend whose data lists its keys in another order as the same content', async () => {
      const store = await open();
      const event = clearanceEvent('DEC-1', { data: { lane: 'RED', basis: 'RANDOM' } });
      await store.append('DEC-1', [event]);

      const again = await store.append('DEC-1', [{ ...event, data: { basis: 'RANDOM', lane: 'RED' } }]);

      expect(again.outcomes).toEqual([{ status: 'duplicate', position: 1 }]);
    });

    it('rejects the same (source, id) with different content as a conflict, storing the rest of the batch', async () => {
      const store = await open();
      const event = clearanceEvent('DEC-1');
      await store.append('DEC-1', [event]);
      const fresh = clearanceEvent('DEC-1');

      const result = await store.append('DEC-1', [{ ...event, data: { lane: 'RED', basis: 'OFFICER' } }, fresh]);

      expect(result.outcomes).toEqual([
        { status: 'conflict', position: 1 },
        { status: 'appended', position: 2, revision: 1 },
      ]);
      expect((await store.readAll(START, 10)).map((stored) => stored.data)).toEqual([event.data, fresh.data]);
    });

    it('dedupes within one batch, across its writes', async () => {
      const store = await open();
      const event = clearanceEvent('DEC-1');

      const results = await store.appendMany([
        { stream: 'DEC-1', events: [event, { ...event }] },
        { stream: 'DEC-1', events: [{ ...event, time: '2026-03-01T09:00:00.000Z' }] },
      ]);

      expect(results.map((result) => result.outcomes)).toEqual([
        [{ status: 'appended', position: 1, revision: 0 }, { status: 'duplicate', position: 1 }],
        [{ status: 'conflict', position: 1 }],
      ]);
    });

    it('keys on source and id together: the same id from another source is another event', async () => {
      const store = await open();
      const event = clearanceEvent('DEC-1', { id: 'same-id' });

      await store.append('DEC-1', [event]);
      const other = await store.append('DEC-1', [{ ...event, source: 'urn:customs:test:other' }]);

      expect(other.outcomes).toEqual([{ status: 'appended', position: 2, revision: 1 }]);
    });

    it('accepts a retried write of only duplicates even though its expected revision is now stale', async () => {
      const store = await open();
      const events = clearanceEvents('DEC-1', 2);
      await store.append('DEC-1', events, 'no_stream');

      const retry = await store.append('DEC-1', events, 'no_stream');

      expect(retry.outcomes.map((outcome) => outcome.status)).toEqual(['duplicate', 'duplicate']);
    });
  });

  describe('subscribeAll', () => {
    it('catches up from the start in position order, in batches no larger than asked', async () => {
      const store = await open();
      await store.append('DEC-1', clearanceEvents('DEC-1', 3));
      await store.append('DEC-2', clearanceEvents('DEC-2', 2));
      const controller = new AbortController();

      const batches = await take(store.subscribeAll(START, { batchSize: 2, signal: controller.signal }), 5, controller);

      expect(batches.map((batch) => batch.map((event) => event.position))).toEqual([[1, 2], [3, 4], [5]]);
    });

    it('starts after the given position', async () => {
      const store = await open();
      await store.append('DEC-1', clearanceEvents('DEC-1', 4));
      const controller = new AbortController();

      const batches = await take(store.subscribeAll(2, { signal: controller.signal }), 2, controller);

      expect(batches.flat().map((event) => event.position)).toEqual([3, 4]);
    });

    it('goes live: events appended after catching up arrive without polling delay', async () => {
      const store = await open();
      await store.append('DEC-1', clearanceEvents('DEC-1', 1));
      const controller = new AbortController();
      const received = take(store.subscribeAll(START, { signal: controller.signal }), 3, controller);

      await delay(50);
      await store.append('DEC-2', clearanceEvents('DEC-2', 2));

      expect((await received).flat().map((event) => event.stream)).toEqual(['DEC-1', 'DEC-2', 'DEC-2']);
    });

    it('reads no further than the consumer asks', async () => {
      const store = await open();
      await store.append('DEC-1', clearanceEvents('DEC-1', 6));
      const iterator = store.subscribeAll(START, { batchSize: 2 })[Symbol.asyncIterator]();

      const first = await iterator.next();
      await store.append('DEC-1', clearanceEvents('DEC-1', 1));
      const rest: number[] = [];
      while (rest.length < 5) {
        const next = await iterator.next();
        rest.push(...(next.value as RecordedEvent[]).map((event) => event.position));
      }
      await iterator.return?.();

      expect((first.value as RecordedEvent[]).map((event) => event.position)).toEqual([1, 2]);
      expect(rest).toEqual([3, 4, 5, 6, 7]);
    });

    it('ends when its signal aborts while it waits for new events', async () => {
      const store = await open();
      const controller = new AbortController();
      const consumed = take(store.subscribeAll(START, { signal: controller.signal }), 1, controller);

      await delay(20);
      controller.abort();

      await expect(consumed).resolves.toEqual([]);
    });

    it('ends when the store closes', async () => {
      const store = await open();
      const consumed = take(store.subscribeAll(START), 1);

      await delay(20);
      await store.close();

      await expect(consumed).resolves.toEqual([]);
    });

    it('sees every event exactly once, in position order, while concurrent writers append', async () => {
      const store = await open();
      const writers = 4;
      const appendsPerWriter = 25;
      const expectedTotal = writers * appendsPerWriter * 3;
      const controller = new AbortController();
      const received = take(store.subscribeAll(START, { batchSize: 7, signal: controller.signal }), expectedTotal, controller);

      await Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          for (let append = 0; append < appendsPerWriter; append += 1) {
            await store.appendMany([
              { stream: `DEC-${writer}-${append}`, events: clearanceEvents(`DEC-${writer}-${append}`, 1) },
              { stream: `DEC-${writer}`, events: clearanceEvents(`DEC-${writer}`, 2) },
            ]);
          }
        }),
      );

      const positions = (await received).flat().map((event) => event.position);
      expect(positions).toEqual(Array.from({ length: expectedTotal }, (_, index) => index + 1));
    });
  });
}

/**
 * Consumes a subscription until `count` events have arrived (then aborts `controller`, if given) or it ends;
 * gives up after 10 s so that a subscription that stalls fails the test instead of hanging it.
 */
export async function take(
  subscription: AsyncIterable<readonly RecordedEvent[]>,
  count: number,
  controller?: AbortController,
): Promise<RecordedEvent[][]> {
  const batches: RecordedEvent[][] = [];
  let seen = 0;
  const watchdog = setTimeout(() => controller?.abort(), 10_000);
  try {
    for await (const batch of subscription) {
      batches.push([...batch]);
      seen += batch.length;
      if (seen >= count) break;
    }
  } finally {
    clearTimeout(watchdog);
    controller?.abort();
  }
  return batches;
}

/** Every link of `log`, a whole log from position 1, follows from its predecessor, the first from the genesis hash. */
export function expectChainVerifies(log: readonly RecordedEvent[]): void {
  let previous = GENESIS_HASH;
  for (const { hash, ...fields } of log) {
    expect(hash).toBe(chainHash(previous, fields));
    previous = hash;
  }
}

export function positionsOf(batches: readonly (readonly RecordedEvent[])[]): Position[] {
  return batches.flat().map((event) => event.position);
}

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
