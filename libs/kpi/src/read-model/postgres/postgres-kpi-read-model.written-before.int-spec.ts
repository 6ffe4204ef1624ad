import { afterEach, describe, expect, it } from '@jest/globals';
import { anEvent, dropSchemas, postgresAvailable, postgresUrl, uniqueSchemaName } from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import { migratePostgresSchema } from '@customs-pulse/sql/postgres';
import type pg from 'pg';

import { KpiEngine } from '../../engine/kpi-engine.js';
import { stored } from '../../engine/testing/stored-events.js';
import { KpiReadModelUnloadableError } from '../unloadable-read-model-error.js';
import { PostgresMirroredReadModel } from './postgres-mirrored-read-model.js';
import { PostgresActiveHistory } from './postgres-active-history.js';
import { generationSchema } from './postgres-active-generation.js';
import { GENERATIONS_MIGRATIONS_TABLE, postgresGenerationsMigrations } from './postgres-generations-schema.js';
import { PostgresKpiReadModel } from './postgres-kpi-read-model.js';
import { READ_MODEL_MIGRATIONS_TABLE, postgresReadModelMigrations } from './postgres-read-model-schema.js';
import { withAdminClient } from './testing/postgres-admin.js';

const WRITTEN_BEFORE = 'the PostgreSQL KPI read model was written before the TRS day aggregates and is rebuilt';

/** Brings `schema` to version 4, the last before the TRS release columns, holding what `holds` writes. */
async function atVersion4(schema: string, holds: (client: pg.ClientBase, table: (name: string) => string) => Promise<void> = async () => undefined): Promise<void> {
  await withAdminClient(async (client) => {
    await migratePostgresSchema(client, { schema, table: READ_MODEL_MIGRATIONS_TABLE, migrations: postgresReadModelMigrations.slice(0, 4) });
    await holds(client, (name) => `"${schema}".${name}`);
  });
}

/** A declaration with hot keys, an epoch closed at position 7 and the checkpoint there: what a build before wrote. */
async function oneDeclarationAndAnEpoch(client: pg.ClientBase, table: (name: string) => string): Promise<void> {
  await client.query(`UPDATE ${table('kpi_checkpoint')} SET position = 7, epoch = 2`);
  await client.query(`INSERT INTO ${table('kpi_declarations')} (subject, facts, last_event_at, open, released_at, epoch) VALUES ('DEC-1', '{}', 1, false, 1, 1)`);
  await client.query(`INSERT INTO ${table('kpi_epochs')} (epoch, position, last_recorded_at, quality) VALUES (1, 7, 1, '{}')`);
}

describeWithInfrastructure(`PostgreSQL at ${postgresUrl}`, await postgresAvailable(), 'a PostgreSQL KPI read model written before the TRS release columns', () => {
  const schemas: string[] = [];
  const cleanup: (() => Promise<void>)[] = [];
  const open = async (schema: string): Promise<PostgresKpiReadModel> => {
    const readModel = await PostgresKpiReadModel.open({ connectionString: postgresUrl, schema });
    cleanup.push(() => readModel.close());
    return readModel;
  };
  const schemaNamed = (prefix: string): string => {
    const schema = uniqueSchemaName(prefix);
    schemas.push(schema);
    return schema;
  };

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
    await dropSchemas(schemas.splice(0));
  });

  it('does not load once it holds anything, so that the projection rebuilds it, and its epochs start no answer', async () => {
    const schema = schemaNamed('kpi_rm');
    await atVersion4(schema, oneDeclarationAndAnEpoch);

    const readModel = await open(schema);

    const loading = readModel.load({ openMaxDays: 7, recentSince: 0 });
    await expect(loading).rejects.toBeInstanceOf(KpiReadModelUnloadableError);
    await expect(loading).rejects.toThrow(WRITTEN_BEFORE);
    await expect(readModel.load()).rejects.toBeInstanceOf(KpiReadModelUnloadableError);
    expect(await readModel.history.epochAsOf(Number.MAX_SAFE_INTEGER)).toBeNull();
  });

  it('loads as empty while it holds nothing yet, and commits', async () => {
    const schema = schemaNamed('kpi_rm');
    await atVersion4(schema);
    const engine = new KpiEngine();
    engine.apply(stored(anEvent.goodsArrived('DEC-1', { officeId: 'O1' }, { time: '2026-03-02T08:00:00.000Z' })));
    const dirty = engine.drainDirty();

    const readModel = await open(schema);

    expect(await readModel.load()).toEqual({ checkpoint: 0, snapshot: null });
    await readModel.commit({ expectedCheckpoint: 0, checkpoint: 3, dirty });
    expect(await readModel.load()).toEqual({ checkpoint: 3, snapshot: dirty });
  });

  describe("as a mirror's active generation", () => {
    /** A control schema whose active generation is 1, and a mirror of it; the generation's schema is not made. */
    const mirrorOfGenerationOne = async (prefix: string) => {
      const control = schemaNamed(prefix);
      const generation = generationSchema(control, 1);
      schemas.push(generation);
      await withAdminClient(async (client) => {
        await migratePostgresSchema(client, { schema: control, table: GENERATIONS_MIGRATIONS_TABLE, migrations: postgresGenerationsMigrations });
        await client.query(`INSERT INTO "${control}".kpi_active_generation (id, generation) VALUES (1, 1)`);
      });
      const mirrored = PostgresMirroredReadModel.open({ connectionString: postgresUrl, schema: control });
      cleanup.push(() => mirrored.close());
      return { control, generation, mirrored };
    };

    it('does not load before its projector migrated it nor after, and its epochs start no answer', async () => {
      const { control, generation, mirrored } = await mirrorOfGenerationOne('kpi_mirror_v4');
      await atVersion4(generation, oneDeclarationAndAnEpoch);
      const history = PostgresActiveHistory.open({ connectionString: postgresUrl, schema: control });
      cleanup.push(() => history.close());

      // A gateway upgraded before the projector: the generation's schema is still at version 4.
      await expect(mirrored.load()).rejects.toThrow(KpiReadModelUnloadableError);
      await expect(mirrored.load()).rejects.toThrow(WRITTEN_BEFORE);
      expect(await (await history.current())!.epochAsOf(Number.MAX_SAFE_INTEGER)).toBeNull();

      // The projector upgraded, its generation migrated: still written before, until its rebuild is activated.
      await open(generation);
      await expect(mirrored.load()).rejects.toThrow(KpiReadModelUnloadableError);
      await expect(mirrored.load()).rejects.toThrow(WRITTEN_BEFORE);
      expect(await (await history.current())!.epochAsOf(Number.MAX_SAFE_INTEGER)).toBeNull();
    });

    it('is not mirrored at version 5, whose rows do not carry the checkpoint that wrote them, until its projector migrates it', async () => {
      const { generation, mirrored } = await mirrorOfGenerationOne('kpi_mirror_v5');
      await withAdminClient((client) => migratePostgresSchema(client, { schema: generation, table: READ_MODEL_MIGRATIONS_TABLE, migrations: postgresReadModelMigrations.slice(0, 5) }));

      // A gateway upgraded before the projector: the commits of the projector's build would carry no checkpoint.
      await expect(mirrored.load()).rejects.toThrow('was written before its rows carried their checkpoint');

      await open(generation);
      expect(await mirrored.load()).toEqual({ checkpoint: 0, snapshot: null });
    });
  });
});
