import { postgresUrl } from '@customs-pulse/testing';
import pg from 'pg';
import type { NotMeasured } from './ingest-figures.js';
import { redacted } from '../harness/redacted-url.js';

export interface ReachablePostgres {
  readonly connectionString: string;
  readonly description: string;
}

/** Whether the bench PostgreSQL (`TEST_DATABASE_URL`, else the local test database) answers, and what it is. */
export async function probePostgres(): Promise<ReachablePostgres | NotMeasured> {
  const client = new pg.Client({ connectionString: postgresUrl });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const setting = async (name: string): Promise<string> => (await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name]!;
    const description =
      `${await setting('server_version')} at ${client.host}:${client.port} ` +
      `(synchronous_commit=${await setting('synchronous_commit')}, fsync=${await setting('fsync')})`;
    return { connectionString: postgresUrl, description };
  } catch (error) {
    return { notMeasured: `PostgreSQL UNREACHABLE at ${redacted(postgresUrl)}: ${(error as Error).message || String(error)}` };
  } finally {
    await client.end().catch(() => undefined);
  }
}
