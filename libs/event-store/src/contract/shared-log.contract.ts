import { afterEach, describe, expect, it } from '@jest/globals';
import { waitUntil } from '@customs-pulse/testing';
import type { EventStore } from '../event-store.port.js';
import { chainHash, GENESIS_HASH } from '../hash-chain.js';
import { type RecordedEvent, START } from '../recorded-event.js';
import { positionsOf, take } from './event-store.contract.js';
import { clearanceEvent, clearanceEvents } from './event-fixtures.js';

/** Opens another store on the same log, as another process would; `pollIntervalMs` where the adapter polls. */
export type OpenStoreOnLog = (options?: { readonly pollIntervalMs?: number }) => Promise<EventStore>;

/** A fresh, empty log that several stores share, as several processes would. */
export interface SharedLog {
  readonly open: OpenStoreOnLog;
  /**
   * Whether `store`'s subscriptions hear of other processes' appends yet: an adapter that starts listening in the
   * background (PostgreSQL's LISTEN connection) says when it is up. Without it, from the moment `subscribeAll` returns.
   */
  readonly hearsOtherProcesses?: (store: EventStore) => Promise<boolean>;
}

/** How a subscriber learns of another process's append. */
export interface SharedLogWakeUp {
  /**
   * `notified`: at once (PostgreSQL NOTIFY, a KurrentDB subscription). `polled`: at its next poll, for an adapter with
   * no channel between processes (SQLite, whose appends wake only the subscribers of the process that made them).
   */
  readonly otherProcessesWake: 'notified' | 'polled';
}

/**
 * What an adapter that several processes share must add to {@link eventStoreContract}: their appends never make a
 * hole or a fork in the log, and a subscriber in one process hears of another's append (at once where the adapter
 * is `notified`). `openSharedLog` makes a fresh, empty log and returns how to open stores on it.
 */
export function sharedLogContract(openSharedLog: () => Promise<SharedLog>, { otherProcessesWake }: SharedLogWakeUp): void {
  const opened: EventStore[] = [];
  let log: SharedLog;
  const openStores = async (count: number, options?: { pollIntervalMs?: number }): Promise<EventStore[]> => {
    log = await openSharedLog();
    const stores = await Promise.all(Array.from({ length: count }, () => log.open(options)));
    opened.push(...stores);
    return stores;
  };
  /**
   * Subscribes `subscriber` to the log for one event, once it has read the log empty and waits for news of an append.
   * (The subscription is wrapped: an async function returning it would wait for it to end.)
   */
  const subscribeAndWait = async (subscriber: EventStore, controller: AbortController): Promise<{ received: Promise<RecordedEvent[][]> }> => {
    const emptyReads = countEmptyReads(subscriber);
    const received = take(subscriber.subscribeAll(START, { signal: controller.signal }), 1, controller);
    await waitUntil('the subscriber has read the empty log', () => emptyReads.count > 0);
    await waitUntil('the subscriber hears of other processes', () => log.hearsOtherProcesses?.(subscriber) ?? true);
    return { received };
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  describe('several processes on one log', () => {
    it('keeps positions contiguous, each stream in order and the chain whole while they append at once', async () => {
      const stores = await openStores(3);

      await Promise.all(
        stores.map(async (store, writer) => {
          for (let round = 0; round < 10; round += 1) {
            // Odd rounds touch no stream another process touches: only the log itself keeps their positions apart.
            const shared = round % 2 === 0 ? [{ stream: 'DEC-shared', events: clearanceEvents('DEC-shared', 1) }] : [];
            await store.appendMany([{ stream: `DEC-${writer}-${round}`, events: clearanceEvents(`DEC-${writer}-${round}`, 2) }, ...shared]);
          }
        }),
      );

      const log = await stores[0]!.readAll(START, 1_000);
      expect(log.map((event) => event.position)).toEqual(Array.from({ length: 75 }, (_, index) => index + 1));
      expect((await stores[1]!.readStream('DEC-shared')).map((event) => event.revision)).toEqual(Array.from({ length: 15 }, (_, index) => index));
      let previous = GENESIS_HASH;
      for (const { hash, ...fields } of log) {
        expect(hash).toBe(chainHash(previous, fields));
        previous = hash;
      }
    });

    it('dedupes an event that two processes append at once: one stores it, the other reports a duplicate', async () => {
      const [first, second] = await openStores(2);
      const event = clearanceEvent('DEC-1');

      const results = await Promise.all([first!.append('DEC-1', [event]), second!.append('DEC-1', [{ ...event }])]);

      expect(results.map((result) => result.outcomes[0]!.status).sort()).toEqual(['appended', 'duplicate']);
      expect((await first!.head()).position).toBe(1);
    });

    // Notified: the subscriber has read the log empty before the append and polls once a minute, so only a wake-up
    // brings it the event before take's 10 s watchdog. Polled: it reads again every 50 ms.
    const wakeUp =
      otherProcessesWake === 'notified'
        ? { title: 'wakes a subscriber in another process as soon as one appends, not at its next poll', pollIntervalMs: 60_000 }
        : { title: 'brings a subscriber in another process each append at its next poll', pollIntervalMs: 50 };
    it(wakeUp.title, async () => {
      const [writer, subscriber] = await openStores(2, { pollIntervalMs: wakeUp.pollIntervalMs });
      const controller = new AbortController();
      const { received } = await subscribeAndWait(subscriber!, controller);

      await writer!.append('DEC-1', [clearanceEvent('DEC-1')]);

      expect(positionsOf(await received)).toEqual([1]);
    });
  });
}

/** Counts the reads of `store`'s log that found nothing: a subscription that made one waits for news of an append. */
function countEmptyReads(store: EventStore): { count: number } {
  const reads = { count: 0 };
  const readAll = store.readAll.bind(store);
  // The shared subscription loop reads through the store's own `readAll`, so this sees the subscription's reads too.
  store.readAll = async (afterPosition, limit) => {
    const events = await readAll(afterPosition, limit);
    if (events.length === 0) reads.count += 1;
    return events;
  };
  return reads;
}
