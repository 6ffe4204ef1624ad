import { afterAll, expect, it } from '@jest/globals';
import { PostgresEventStore } from '@customs-pulse/event-store/postgres';
import { dropSchemas, postgresAvailable, postgresUrl, uniqueSchemaName } from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import { ingestQualityTallyContract } from '../../ingest-quality-tally.contract.js';
import { PostgresIngestQualityTally } from './postgres-ingest-quality-tally.js';

const schemas: string[] = [];

function freshSchema(): string {
  const schema = uniqueSchemaName('quality');
  schemas.push(schema);
  return schema;
}

afterAll(() => dropSchemas(schemas));

describeWithInfrastructure(`PostgreSQL at ${postgresUrl}`, await postgresAvailable(), 'PostgresIngestQualityTally', () => {
  ingestQualityTallyContract(async () => {
    const schema = freshSchema();
    return { open: () => PostgresIngestQualityTally.open({ connectionString: postgresUrl, schema }) };
  });

  it("shares a schema with the event store, each keeping its own migration history, whichever starts first", async () => {
    const schema = freshSchema();

    const [tally, store] = await Promise.all([
      PostgresIngestQualityTally.open({ connectionString: postgresUrl, schema }),
      PostgresEventStore.open({ connectionString: postgresUrl, schema }),
    ]);
    await tally.record({ rejected: 0, rejectedByReason: new Map(), duplicates: 1 });

    expect((await tally.read()).duplicates).toBe(1);
    expect((await store.head()).position).toBe(0);
    await Promise.all([tally.close(), store.close()]);
  });

  it('lets several workers open the same tally at once, creating its tables once', async () => {
    const schema = freshSchema();

    const tallies = await Promise.all([1, 2, 3].map(() => PostgresIngestQualityTally.open({ connectionString: postgresUrl, schema })));
    await Promise.all(tallies.map((tally) => tally.record({ rejected: 0, rejectedByReason: new Map(), duplicates: 2 })));

    expect((await tallies[0]!.read()).duplicates).toBe(6);
    await Promise.all(tallies.map((tally) => tally.close()));
  });
});
