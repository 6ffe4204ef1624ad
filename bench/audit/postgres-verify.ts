import { PostgresEventStore } from '@customs-pulse/event-store/postgres';
import pg from 'pg';
import { redacted } from '../harness/redacted-url.js';
import type { AuditWorkload } from './audit-workload.js';
import { fillLog } from './fill-log.js';
import { verifyFigures, type VerifyFigures } from './verify-figures.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The PostgreSQL adapter in a fresh schema, dropped afterwards. An unreachable server is reported, not skipped. */
export async function measurePostgresVerify(
  workload: AuditWorkload,
  progress: (line: string) => void,
): Promise<{ figures: VerifyFigures; environment: string } | { unreachable: string }> {
  const connectionString = process.env.TEST_DATABASE_URL ?? DEFAULT_URL;
  const client = new pg.Client({ connectionString });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    return { unreachable: `PostgreSQL UNREACHABLE at ${redacted(connectionString)}: ${(error as Error).message || String(error)}` };
  }
  const schema = `bench_audit_${process.pid}_${Date.now()}`;
  try {
    const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    const store = await PostgresEventStore.open({ connectionString, schema });
    try {
      const fill = await fillLog(store, workload, progress);
      const figures = await verifyFigures(store, workload, fill, progress);
      return { figures, environment: `PostgreSQL: ${version} on ${client.host}` };
    } finally {
      await store.close();
    }
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
}
