import { PostgresEventStore } from '@customs-pulse/event-store/postgres';
import pg from 'pg';
import type { AdapterOutcome } from './adapter-figures.js';
import { PostgresRawBaseline } from './postgres-raw-baseline.js';
import { measureRawBaseline } from './raw-baseline.js';
import { measureStore } from './store-workload.js';
import type { Workload } from './workload.js';
import { redacted } from '../harness/redacted-url.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The PostgreSQL adapter in a fresh schema, then node-postgres alone on the same rows in the same schema, which is
 * dropped afterwards. An unreachable server is reported, not skipped.
 */
export async function measurePostgres(workload: Workload, progress: (line: string) => void): Promise<AdapterOutcome> {
  const connectionString = process.env.TEST_DATABASE_URL ?? DEFAULT_URL;
  const client = new pg.Client({ connectionString });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    const reason = `PostgreSQL UNREACHABLE at ${redacted(connectionString)}: ${(error as Error).message || String(error)}`;
    return { adapter: 'PostgreSQL', unreachable: reason, environment: ['PostgreSQL: unreachable'] };
  }
  const schema = `bench_event_store_${process.pid}_${Date.now()}`;
  try {
    const environment = [`PostgreSQL: ${await serverDescription(client)}`];
    const store = await PostgresEventStore.open({ connectionString, schema });
    try {
      const ours = await measureStore(store, workload, progress);
      const raw = await measureRawBaseline(await PostgresRawBaseline.create(client, schema), store, workload, progress);
      return { adapter: 'PostgreSQL', ours, raw, environment };
    } finally {
      await store.close();
    }
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}

/** Version and the settings that decide commit cost. */
async function serverDescription(client: pg.Client): Promise<string> {
  const setting = async (name: string): Promise<string> =>
    (await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name]!;
  return (
    `${await setting('server_version')} on ${client.host}, same machine if local (synchronous_commit=` +
    `${await setting('synchronous_commit')}, fsync=${await setting('fsync')}, wal_sync_method=` +
    `${await setting('wal_sync_method')}, shared_buffers=${await setting('shared_buffers')})`
  );
}
