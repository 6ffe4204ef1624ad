import { afterAll, describe, expect, it } from '@jest/globals';
import { dropSchemas, postgresAvailable, postgresUrl, uniqueSchemaName, waitUntil } from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import pg from 'pg';
import { eventStoreContract, positionsOf, take } from '../../contract/event-store.contract.js';
import { clearanceEvent, clearanceEvents } from '../../contract/event-fixtures.js';
import { ODD_VALUES, type OddValueName } from '../../contract/odd-values.js';
import { sharedLogContract } from '../../contract/shared-log.contract.js';
import { storeLimitsContract } from '../../contract/store-limits.contract.js';
import { EventStoreUnavailableError } from '../../errors.js';
import { START } from '../../recorded-event.js';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.js';

const schemas: string[] = [];
const stores: PostgresEventStore[] = [];

async function openStore(options: Partial<PostgresEventStoreOptions> & { schema?: string } = {}): Promise<PostgresEventStore> {
  const schema = options.schema ?? uniqueSchemaName('es');
  if (!schemas.includes(schema)) schemas.push(schema);
  const store = await PostgresEventStore.open({ connectionString: postgresUrl, ...options, schema });
  stores.push(store);
  return store;
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Store connections (tests run in band, so only this test's) waiting for a lock: appends queued behind another. */
function appendsWaitingForALock(): Promise<number> {
  return withAdminClient(async (client) => {
    const { rows } = await client.query<{ waiting: string }>(
      `SELECT count(*) AS waiting FROM pg_stat_activity WHERE application_name = 'customs-pulse' AND wait_event_type = 'Lock'`,
    );
    return Number(rows[0]!.waiting);
  });
}

/**
 * Whether a store on `schema` has its LISTEN connection up, which is how its subscriptions hear of other processes'
 * appends (the channel is named after the schema: postgres-event-store.ts).
 */
function listensOn(schema: string): Promise<boolean> {
  return withAdminClient(async (client) => {
    const { rows } = await client.query<{ listening: string }>(
      `SELECT count(*) AS listening FROM pg_stat_activity WHERE state = 'idle' AND query = $1`,
      [`LISTEN "customs_pulse_event_log_${schema}"`],
    );
    return Number(rows[0]!.listening) > 0;
  });
}

/**
 * Opens a transaction outside the store that holds the key (source, id) = (urn:blocker, held) uncommitted: an
 * append whose batch carries that key stops at its INSERT until the blocker commits or rolls back.
 */
async function holdEventKey(schema: string): Promise<pg.Client> {
  const blocker = new pg.Client({ connectionString: postgresUrl, options: `-c search_path=${schema}` });
  await blocker.connect();
  await blocker.query('BEGIN');
  await blocker.query(
    `INSERT INTO event_log (position, stream, revision, source, id, type, subject, time, data, extensions,
       recorded_at, content_hash, hash)
     VALUES (1000000, 'blocker', 0, 'urn:blocker', 'held', 'X', 'blocker', now(), '{}', '{}', now(), '-', '-')`,
  );
  return blocker;
}

const heldKey = (subject: string) => clearanceEvent(subject, { source: 'urn:blocker', id: 'held' });

describeWithInfrastructure(`PostgreSQL at ${postgresUrl}`, await postgresAvailable(), 'PostgresEventStore', () => {
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await dropSchemas(schemas);
  });

  eventStoreContract(async (clock) => openStore({ clock }));

  sharedLogContract(
    async () => {
      const schema = uniqueSchemaName('shared');
      return { open: (options) => openStore({ schema, ...options }), hearsOtherProcesses: () => listensOn(schema) };
    },
    { otherProcessesWake: 'notified' },
  );

  // No NUL and UTF-8 only, in text and JSON alike; a timestamptz read back as years 0001 to 9999 (postgres-limits.ts).
  storeLimitsContract(
    async () => {
      const schema = uniqueSchemaName('limits');
      return { open: () => openStore({ schema }) };
    },
    { refuses: Object.keys(ODD_VALUES) as OddValueName[] },
  );

  describe('guarantee 2: no event becomes visible behind a subscriber that has passed its position', () => {
    it('hands positions out in commit order when the first transaction to start is the last to be able to commit', async () => {
      const schema = uniqueSchemaName('gap');
      const store = await openStore({ schema });
      const subscriber = await openStore({ schema });
      const controller = new AbortController();
      const received = take(subscriber.subscribeAll(START, { batchSize: 3, signal: controller.signal }), 8, controller);

      // Writer A starts first and is held at its INSERT until we let go.
      const blocker = await holdEventKey(schema);
      const writerA = store.appendMany([{ stream: 'DEC-A', events: [...clearanceEvents('DEC-A', 4), heldKey('DEC-A')] }]);
      await waitUntil('writer A waits at its INSERT', async () => (await appendsWaitingForALock()) >= 1);

      // Writer B starts after A and would be quick to commit; nothing may let it overtake A.
      const writerB = store.appendMany([{ stream: 'DEC-B', events: clearanceEvents('DEC-B', 3) }]);
      await waitUntil('writer B waits behind writer A', async () => (await appendsWaitingForALock()) >= 2);
      expect(await subscriber.readAll(START, 100)).toEqual([]);

      await blocker.query('ROLLBACK');
      await blocker.end();
      const [resultA, resultB] = await Promise.all([writerA, writerB]);

      expect(resultA[0]!.outcomes.map((outcome) => outcome.status)).toEqual(Array(5).fill('appended'));
      expect(resultB[0]!.outcomes).toEqual([6, 7, 8].map((position, revision) => ({ status: 'appended', position, revision })));
      const events = (await received).flat();
      expect(events.map((event) => event.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(events.map((event) => event.stream)).toEqual([...Array(5).fill('DEC-A'), ...Array(3).fill('DEC-B')]);
    });

    it('delivers every event exactly once, in order, to a subscriber in another process while four processes append', async () => {
      const schema = uniqueSchemaName('gap');
      const appenders = await Promise.all(Array.from({ length: 4 }, () => openStore({ schema, poolSize: 3 })));
      const subscriber = await openStore({ schema });
      const rounds = 40;
      // Batch sizes vary from 1 to 60 so that concurrent transactions take very different times to commit.
      const sizeOf = (appender: number, round: number): number => 1 + ((appender * 37 + round * 11) % 60);
      const total = appenders.reduce((sum, _, appender) => sum + Array.from({ length: rounds }, (_, round) => sizeOf(appender, round)).reduce((a, b) => a + b, 0), 0);
      const controller = new AbortController();
      const received = take(subscriber.subscribeAll(START, { batchSize: 50, signal: controller.signal }), total, controller);

      await Promise.all(
        appenders.map(async (appender, index) => {
          await Promise.all(
            [0, 1].map(async (lane) => {
              for (let round = lane; round < rounds; round += 2) {
                const stream = `DEC-${index}-${round}`;
                await appender.append(stream, clearanceEvents(stream, sizeOf(index, round)));
              }
            }),
          );
        }),
      );

      const positions = positionsOf(await received);
      expect(positions).toHaveLength(total);
      expect(positions).toEqual(Array.from({ length: total }, (_, index) => index + 1));
    });
  });

  it('migrates once when several processes open the same schema at the same time', async () => {
    const schema = uniqueSchemaName('migrate');

    await Promise.all(Array.from({ length: 4 }, () => openStore({ schema })));

    const versions = await withAdminClient(async (client) =>
      (await client.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations`)).rows,
    );
    expect(versions).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('reports a connection lost mid-append as EventStoreUnavailableError, stores none of it, and recovers', async () => {
    const schema = uniqueSchemaName('outage');
    const store = await openStore({ schema, poolSize: 1 });
    await store.append('DEC-1', [clearanceEvent('DEC-1')]);
    const blocker = await holdEventKey(schema);
    const interrupted = store.append('DEC-1', [clearanceEvent('DEC-1'), heldKey('DEC-1')]);
    await waitUntil('the append waits at its INSERT', async () => (await appendsWaitingForALock()) >= 1);

    await withAdminClient((client) =>
      client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'customs-pulse' AND wait_event_type = 'Lock'`),
    );

    await expect(interrupted).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await blocker.query('ROLLBACK');
    await blocker.end();
    expect((await store.head()).position).toBe(1);
    await expect(store.append('DEC-1', [clearanceEvent('DEC-1')])).resolves.toMatchObject({ streamRevision: 1 });
  });
});
