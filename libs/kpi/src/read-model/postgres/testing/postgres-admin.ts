import { postgresUrl } from '@customs-pulse/testing';
import pg from 'pg';

/** Runs `work` on a connection of its own, as a DBA or another process would. */
export async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A connection of its own with a transaction open: what holds a lock in another process. */
export async function openBlocker(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query('BEGIN');
  return client;
}

/** Sessions whose statement on a table of `schema` waits for a lock. */
export function statementsWaitingForALock(schema: string): Promise<number> {
  return withAdminClient(async (client) => {
    const { rows } = await client.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND position($1 IN query) > 0`,
      [`"${schema}".`],
    );
    return rows[0]!.waiting;
  });
}

/** Ends the sessions whose statement on a table of `schema` waits for a lock, as a crash or a DBA would. */
export function terminateStatementsWaitingForALock(schema: string): Promise<void> {
  return withAdminClient(async (client) => {
    await client.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND position($1 IN query) > 0`,
      [`"${schema}".`],
    );
  });
}

/** Schemas named like the generations of control schema `schema`, by number. */
export function generationSchemas(schema: string): Promise<number[]> {
  return withAdminClient(async (client) => {
    const { rows } = await client.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [`${schema}\\_g%`]);
    return rows.map((row) => Number(row.nspname.slice(schema.length + 2))).sort((a, b) => a - b);
  });
}
