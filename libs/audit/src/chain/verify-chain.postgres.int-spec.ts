import { afterAll } from '@jest/globals';
import { PostgresEventStore } from '@customs-pulse/event-store/postgres';
import { dropSchemas, postgresAvailable, postgresUrl, uniqueSchemaName } from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import pg from 'pg';

import { type TamperableStore, tamperingSuite } from './testing/tampering.suite.js';

const schemas: string[] = [];

/** A PostgreSQL store in a fresh schema, and a client of its own on that schema for the tampering. */
async function openTamperable(): Promise<TamperableStore> {
  const schema = uniqueSchemaName('audit');
  schemas.push(schema);
  const store = await PostgresEventStore.open({ connectionString: postgresUrl, schema });
  const client = new pg.Client({ connectionString: postgresUrl, options: `-c search_path=${schema}` });
  await client.connect();
  return {
    store,
    exec: async (sql) => void (await client.query(sql)),
    close: async () => {
      await client.end();
      await store.close();
    },
  };
}

describeWithInfrastructure(`PostgreSQL at ${postgresUrl}`, await postgresAvailable(), 'verifyChain on a tampered PostgreSQL event store', () => {
  afterAll(async () => {
    await dropSchemas(schemas);
  });

  tamperingSuite(openTamperable);
});
