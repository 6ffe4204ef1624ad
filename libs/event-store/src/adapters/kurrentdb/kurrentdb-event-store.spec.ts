import { afterEach, describe, expect, it } from '@jest/globals';
import { UnavailableError } from '@kurrent/kurrentdb-client';
import { eventStoreContract } from '../../contract/event-store.contract.js';
import { clearanceEvent, clearanceEvents } from '../../contract/event-fixtures.js';
import { sharedLogContract } from '../../contract/shared-log.contract.js';
import { storeLimitsContract } from '../../contract/store-limits.contract.js';
import { KURRENTDB_REFUSALS } from './testing/kurrentdb-refusals.js';
import { EventStoreUnavailableError } from '../../errors.js';
import { START } from '../../recorded-event.js';
import { FakeKurrentDb } from './testing/fake-kurrentdb.js';
import { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb-event-store.js';

// The adapter's logic on an in-memory KurrentDB (testing/fake-kurrentdb.ts), since no server can run here. The same
// contracts run against a real server in kurrentdb-event-store.int-spec.ts when KURRENTDB_URL is set.
const opened: KurrentDbEventStore[] = [];

async function openOn(server: FakeKurrentDb, options: Omit<KurrentDbEventStoreOptions, 'connectionString'> = {}): Promise<KurrentDbEventStore> {
  const store = await KurrentDbEventStore.openOn(server, options);
  opened.push(store);
  return store;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

describe('KurrentDbEventStore on an in-memory KurrentDB', () => {
  eventStoreContract(async (clock) => KurrentDbEventStore.openOn(new FakeKurrentDb(), { clock }));

  sharedLogContract(
    async () => {
      const server = new FakeKurrentDb();
      return { open: (options) => KurrentDbEventStore.openOn(server, { ...options, appendRetry: { maxAttempts: 1_000 } }) };
    },
    { otherProcessesWake: 'notified' },
  );

  storeLimitsContract(async () => {
    const server = new FakeKurrentDb();
    return { open: () => KurrentDbEventStore.openOn(server) };
  }, KURRENTDB_REFUSALS);

  it('plans the whole append again when another process took the head it planned on', async () => {
    const server = new FakeKurrentDb();
    const [first, second] = await Promise.all([openOn(server), openOn(server)]);

    await Promise.all([first!.append('DEC-1', [clearanceEvent('DEC-1')]), second!.append('DEC-2', [clearanceEvent('DEC-2')])]);

    expect((await first!.readAll(START, 10)).map((event) => [event.position, event.stream]).sort()).toEqual([
      [1, expect.any(String)],
      [2, expect.any(String)],
    ]);
    expect(server.appends).toEqual({ attempted: 3, stored: 2 });
  });

  it('writes each event to the log, to its stream copy and to one dedupe record, all under the store prefix', async () => {
    const server = new FakeKurrentDb();
    const store = await openOn(server, { prefix: 'run-7' });

    await store.appendMany([
      { stream: 'DEC-1', events: clearanceEvents('DEC-1', 2) },
      { stream: 'DEC-2', events: clearanceEvents('DEC-2', 1) },
    ]);

    const names = server.streamNames();
    expect(names.slice(0, 3)).toEqual(['run-7.log', 'run-7.stream.DEC-1', 'run-7.stream.DEC-2']);
    expect(names.slice(3)).toHaveLength(3);
    expect(names.slice(3).every((name) => /^run-7\.dedupe\.[0-9a-f]{64}$/.test(name))).toBe(true);
    expect(server.appends.stored).toBe(1);
  });

  it('reports a server out of reach as EventStoreUnavailableError, and goes on once it is back', async () => {
    const server = new FakeKurrentDb();
    const store = await openOn(server);
    server.failNext('multiStreamAppend', new UnavailableError(undefined, 'connection refused'));

    await expect(store.append('DEC-1', [clearanceEvent('DEC-1')])).rejects.toBeInstanceOf(EventStoreUnavailableError);
    server.failNext('readStream', new UnavailableError(undefined, 'connection refused'));
    await expect(store.readAll(START, 10)).rejects.toBeInstanceOf(EventStoreUnavailableError);

    await expect(store.append('DEC-1', [clearanceEvent('DEC-1')])).resolves.toMatchObject({ streamRevision: 0 });
  });

  it('fails to open when the server is out of reach', async () => {
    const server = new FakeKurrentDb();
    server.failNext('readStream', new UnavailableError(undefined, 'connection refused'));

    await expect(KurrentDbEventStore.openOn(server)).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });
});
