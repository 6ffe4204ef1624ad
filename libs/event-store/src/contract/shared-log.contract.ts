import { afterEach, describe, expect, it } from '@jest/globals';
import type { EventStore } from '../event-store.port.js';
import { chainHash, GENESIS_HASH } from '../hash-chain.js';
import { START } from '../recorded-event.js';
import { positionsOf, take } from './event-store.contract.js';
import { clearanceEvent, clearanceEvents } from './event-fixtures.js';

/** Opens another store on the same log, as another process would; `pollIntervalMs` where the adapter polls. */
export type OpenStoreOnLog = (options?: { readonly pollIntervalMs?: number }) => Promise<EventStore>;

/**
 * What an adapter that several processes share must add to {@link eventStoreContract}: their appends never make a
 * hole or a fork in the log, and a subscriber in one process hears of another's append at once. `openSharedLog`
 * makes a fresh, empty log and returns how to open stores on it.
 */
export function sharedLogContract(openSharedLog: () => Promise<OpenStoreOnLog>): void {
  const opened: EventStore[] = [];
  const openStores = async (count: number, options?: { pollIntervalMs?: number }): Promise<EventStore[]> => {
    const open = await openSharedLog();
    const stores = await Promise.all(Array.from({ length: count }, () => open(options)));
    opened.push(...stores);
    return stores;
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

    it('wakes a subscriber in another process as soon as one appends, not at its next poll', async () => {
      const [writer, subscriber] = await openStores(2, { pollIntervalMs: 60_000 });
      const controller = new AbortController();
      const received = take(subscriber!.subscribeAll(START, { signal: controller.signal }), 1, controller);
      await new Promise((resolve) => setTimeout(resolve, 200));

      await writer!.append('DEC-1', [clearanceEvent('DEC-1')]);

      expect(positionsOf(await received)).toEqual([1]);
    });
  });
}
