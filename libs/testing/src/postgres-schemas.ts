import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { postgresUrl } from './infrastructure.js';

/** A fresh schema name per test, so suites can share one database and run in any order. */
export function uniqueSchemaName(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

/** Drops test schemas created by {@link uniqueSchemaName}. */
export async function dropSchemas(schemas: readonly string[]): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
