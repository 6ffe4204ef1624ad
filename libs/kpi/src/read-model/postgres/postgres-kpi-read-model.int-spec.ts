import { afterEach, describe, expect, it } from '@jest/globals';
import { anEvent, dropSchemas, postgresAvailable, postgresUrl, uniqueSchemaName, waitUntil } from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import { migratePostgresSchema } from '@customs-pulse/sql/postgres';
import type pg from 'pg';

import { bucketKey } from '../../engine/bucket-key.js';
import { KpiEngine } from '../../engine/kpi-engine.js';
import { stored } from '../../engine/testing/stored-events.js';
import { canonical } from '../../projection/testing/stored-history.js';
import { KpiReadModelUnavailableError } from '../read-model-unavailable-error.js';
import { StaleCheckpointError } from '../stale-checkpoint-error.js';
import { kpiReadModelContract } from '../testing/kpi-read-model.contract.js';
import { ROWS_WITHOUT_HOT_KEYS, expectRowsWithoutHotKeysKept } from '../testing/rows-without-hot-keys.js';
import { PostgresKpiReadModel, type PostgresKpiReadModelOptions } from './postgres-kpi-read-model.js';
import { READ_MODEL_MIGRATIONS_TABLE, postgresReadModelMigrations } from './postgres-read-model-schema.js';
import { openBlocker, statementsWaitingForALock, terminateStatementsWaitingForALock, withAdminClient } from './testing/postgres-admin.js';
import { SeveringProxy } from './testing/severing-proxy.js';

const at = (time: string) => ({ time: `2026-03-02T${time}:00.000Z` });

/**
 * Brings `schema` to this build's schema and clears the mark migration 5 leaves on a read model that holds anything
 * (written-before.ts): what is read then is what the earlier migrations kept.
 */
async function migrateAndForgetTheRebuild(client: pg.ClientBase, schema: string): Promise<void> {
  await migratePostgresSchema(client, { schema, table: READ_MODEL_MIGRATIONS_TABLE, migrations: postgresReadModelMigrations });
  await client.query(`UPDATE "${schema}".kpi_checkpoint SET written_before = NULL`);
}

describeWithInfrastructure(`PostgreSQL at ${postgresUrl}`, await postgresAvailable(), 'PostgresKpiReadModel', () => {
  kpiReadModelContract(() => {
    const schema = uniqueSchemaName('kpi_rm');
    return {
      open: () => PostgresKpiReadModel.open({ connectionString: postgresUrl, schema }),
      dispose: () => dropSchemas([schema]),
    };
  });

  describe('on PostgreSQL', () => {
    const schemas: string[] = [];
    const opened: PostgresKpiReadModel[] = [];
    const open = async (schema: string, connection: Partial<PostgresKpiReadModelOptions> = {}): Promise<PostgresKpiReadModel> => {
      if (!schemas.includes(schema)) schemas.push(schema);
      const readModel = await PostgresKpiReadModel.open({ connectionString: postgresUrl, ...connection, schema } as PostgresKpiReadModelOptions);
      opened.push(readModel);
      return readModel;
    };
    const arrivedAndLodged = (): KpiEngine => {
      const engine = new KpiEngine();
      engine.apply(stored(anEvent.goodsArrived('D1', { officeId: 'O1' }, at('08:00'))));
      engine.apply(stored(anEvent.declarationLodged('D1', { officeId: 'O1' }, at('09:00'))));
      return engine;
    };

    afterEach(async () => {
      for (const readModel of opened.splice(0)) await readModel.close();
      await dropSchemas(schemas.splice(0));
    });

    it('sends smaller statements after each statement timeout, so that a commit too big for statement_timeout is stored in the end', async () => {
      const schema = uniqueSchemaName('kpi_rm');
      const readModel = await open(schema, { sessionLimits: { lockTimeoutMs: 10_000, statementTimeoutMs: 1_000, idleInTransactionTimeoutMs: 30_000 } });
      // Each declaration row costs 2 ms: 2,000 in one statement take 4 s, 250 take 0.5 s.
      await withAdminClient(async (admin) => {
        await admin.query(`CREATE FUNCTION "${schema}".slow_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.002); RETURN NEW; END $$`);
        await admin.query(`CREATE TRIGGER slow_row BEFORE INSERT ON "${schema}".kpi_declarations FOR EACH ROW EXECUTE FUNCTION "${schema}".slow_row()`);
      });
      const engine = new KpiEngine();
      for (let index = 0; index < 2_000; index += 1) engine.apply(stored(anEvent.goodsArrived(`D${index}`, { officeId: 'O1' }, at('08:00'))));
      const change = { expectedCheckpoint: 0, checkpoint: 2_000, dirty: engine.drainDirty() };

      const timeouts: string[] = [];
      for (let attempt = 1; attempt <= 6; attempt += 1) {
        try {
          await readModel.commit(change);
          break;
        } catch (error) {
          timeouts.push(String((error as { cause?: { code?: string } }).cause?.code));
        }
      }

      expect(timeouts.length).toBeGreaterThanOrEqual(1);
      expect(new Set(timeouts)).toEqual(new Set(['57014']));
      const loaded = await readModel.load();
      expect(loaded.checkpoint).toBe(2_000);
      expect(loaded.snapshot?.declarations).toHaveLength(2_000);
    }, 60_000);

    it('makes a second writer from the same checkpoint wait for the first, then refuses it', async () => {
      const schema = uniqueSchemaName('kpi_rm');
      const [first, second] = [await open(schema), await open(schema)];
      const blocker = await openBlocker();
      await blocker.query(`SELECT position FROM "${schema}".kpi_checkpoint FOR UPDATE`);
      const dirty = arrivedAndLodged().drainDirty();

      const firstCommit = first.commit({ expectedCheckpoint: 0, checkpoint: 10, dirty });
      await waitUntil('the first writer waits', async () => (await statementsWaitingForALock(schema)) >= 1);
      const secondCommit = second.commit({ expectedCheckpoint: 0, checkpoint: 12, dirty });
      await waitUntil('the second writer waits too', async () => (await statementsWaitingForALock(schema)) >= 2);
      await blocker.query('ROLLBACK');
      await blocker.end();

      await expect(firstCommit).resolves.toBeUndefined();
      await expect(secondCommit).rejects.toMatchObject({ name: 'StaleCheckpointError', expectedCheckpoint: 0, actualCheckpoint: 10 });
      expect((await first.load()).checkpoint).toBe(10);
    });

    it('loads the checkpoint and the state of one moment while another transaction commits', async () => {
      const schema = uniqueSchemaName('kpi_rm');
      const readModel = await open(schema);
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 2, dirty: arrivedAndLodged().drainDirty() });
      const before = await readModel.load();
      const blocker = await openBlocker();
      await blocker.query(`LOCK TABLE "${schema}".kpi_buckets IN ACCESS EXCLUSIVE MODE`);

      // The load reads the checkpoint, then waits at the buckets while another transaction moves both on.
      const loading = readModel.load();
      await waitUntil('the load waits at the buckets', async () => (await statementsWaitingForALock(schema)) >= 1);
      await blocker.query(`UPDATE "${schema}".kpi_checkpoint SET position = 3`);
      await blocker.query(`DELETE FROM "${schema}".kpi_buckets`);
      await blocker.query('COMMIT');
      await blocker.end();

      expect(await loading).toEqual(before);
      expect(await readModel.load()).toMatchObject({ checkpoint: 3, snapshot: { buckets: [] } });
    });

    it('reports a connection lost mid-commit as KpiReadModelUnavailableError, stores none of it, and commits on retry', async () => {
      const schema = uniqueSchemaName('kpi_rm');
      const readModel = await open(schema);
      const engine = new KpiEngine();
      engine.apply(stored(anEvent.goodsArrived('D1', { officeId: 'O1' }, at('08:00'))));
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 1, dirty: engine.drainDirty() });
      const before = await readModel.load();
      engine.apply(stored(anEvent.declarationLodged('D1', { officeId: 'O1' }, at('09:00'))));
      const change = { expectedCheckpoint: 1, checkpoint: 2, dirty: engine.drainDirty() };
      // Holding every bucket row stops the commit after it has written the declaration.
      const blocker = await openBlocker();
      await blocker.query(`SELECT bucket_key FROM "${schema}".kpi_buckets FOR UPDATE`);

      const interrupted = readModel.commit(change);
      await waitUntil('the commit waits at the buckets', async () => (await statementsWaitingForALock(schema)) >= 1);
      await terminateStatementsWaitingForALock(schema);

      await expect(interrupted).rejects.toBeInstanceOf(KpiReadModelUnavailableError);
      await blocker.query('ROLLBACK');
      await blocker.end();
      expect(await readModel.load()).toEqual(before);
      await readModel.commit(change);
      const { checkpoint, snapshot } = await readModel.load();
      expect(checkpoint).toBe(2);
      expect(canonical(snapshot!)).toEqual(canonical(engine.toJSON()));
    });

    it('takes the retry of a commit whose answer was lost after it was stored as done, not as stale', async () => {
      const proxy = await SeveringProxy.start(postgresUrl);
      try {
        const schema = uniqueSchemaName('kpi_rm');
        const readModel = await open(schema, { connectionString: proxy.connectionString });
        const engine = arrivedAndLodged();
        const change = { expectedCheckpoint: 0, checkpoint: 2, dirty: engine.drainDirty() };

        proxy.severAfterNextCommit();
        await expect(readModel.commit(change)).rejects.toBeInstanceOf(KpiReadModelUnavailableError);
        await expect(readModel.commit(change)).resolves.toBeUndefined();

        const { checkpoint, snapshot } = await readModel.load();
        expect(checkpoint).toBe(2);
        expect(canonical(snapshot!)).toEqual(canonical(engine.toJSON()));
        await expect(readModel.commit(change)).rejects.toThrow(StaleCheckpointError);
      } finally {
        for (const readModel of opened.splice(0)) await readModel.close();
        await proxy.close();
      }
    });

    it('migrates once when several processes open the same schema at the same time', async () => {
      const schema = uniqueSchemaName('kpi_rm');

      await Promise.all(Array.from({ length: 4 }, () => open(schema)));

      const versions = await withAdminClient(
        async (client) => (await client.query<{ version: number }>(`SELECT version FROM "${schema}".kpi_read_model_migrations ORDER BY version`)).rows,
      );
      expect(versions).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }, { version: 5 }, { version: 6 }]);
    });

    it('gives a version-1 read model the hot key columns, its rows loading as rows without hot keys: hot, and in every TRS population', async () => {
      const { checkpoint, quality, declaration, enforcementCase } = ROWS_WITHOUT_HOT_KEYS;
      const schema = uniqueSchemaName('kpi_rm');
      schemas.push(schema);
      await withAdminClient(async (client) => {
        await migratePostgresSchema(client, { schema, table: READ_MODEL_MIGRATIONS_TABLE, migrations: postgresReadModelMigrations.slice(0, 1) });
        await client.query(`UPDATE "${schema}".kpi_checkpoint SET position = $1, quality = $2`, [checkpoint, JSON.stringify(quality)]);
        await client.query(`INSERT INTO "${schema}".kpi_declarations (subject, facts) VALUES ($1, $2)`, [declaration.subject, JSON.stringify(declaration.facts)]);
        await client.query(`INSERT INTO "${schema}".kpi_cases (subject, facts) VALUES ($1, $2)`, [enforcementCase.subject, JSON.stringify(enforcementCase.facts)]);
        await migrateAndForgetTheRebuild(client, schema);
      });

      await expectRowsWithoutHotKeysKept(await open(schema));
    });

    it('gives a version-2 read model a place for bucket horizons, none stored, and its bucket keys in byte order, whatever the database collation', async () => {
      const bucket = arrivedAndLodged().drainDirty().buckets[0]!;
      const start = Date.parse(bucket.start);
      const schema = uniqueSchemaName('kpi_rm');
      schemas.push(schema);
      await withAdminClient(async (client) => {
        await migratePostgresSchema(client, { schema, table: READ_MODEL_MIGRATIONS_TABLE, migrations: postgresReadModelMigrations.slice(0, 2) });
        await client.query(`UPDATE "${schema}".kpi_checkpoint SET position = 7`);
        await client.query(`INSERT INTO "${schema}".kpi_buckets (bucket_key, bucket) VALUES ($1, $2)`, [bucketKey({ ...bucket, start }), JSON.stringify(bucket)]);
        await migrateAndForgetTheRebuild(client, schema);
      });

      const readModel = await open(schema);

      expect((await readModel.load({ openMaxDays: 7, recentSince: start })).snapshot).toEqual({ declarations: [], cases: [], buckets: [bucket], quality: {} });
      expect(await readModel.cold.bucketsBetween(bucket, start, start + 1)).toEqual([bucket]);
      const collation = await withAdminClient(
        async (client) =>
          (
            await client.query<{ collation_name: string | null }>(
              `SELECT collation_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'kpi_buckets' AND column_name = 'bucket_key'`,
              [schema],
            )
          ).rows,
      );
      expect(collation).toEqual([{ collation_name: 'C' }]);
    });

    it('gives a version-3 read model epochs, its rows kept as they stood before the first once a later epoch writes over them', async () => {
      const bucket = arrivedAndLodged().drainDirty().buckets[0]!;
      const key = bucketKey({ ...bucket, start: Date.parse(bucket.start) });
      const busier = arrivedAndLodged();
      busier.apply(stored(anEvent.goodsArrived('D2', { officeId: 'O1' }, at('08:00'))));
      busier.apply(stored(anEvent.declarationLodged('D2', { officeId: 'O1' }, at('09:00'))));
      const rewritten = busier.drainDirty().buckets.find((other) => bucketKey({ ...other, start: Date.parse(other.start) }) === key)!;
      expect(rewritten).not.toEqual(bucket);
      const schema = uniqueSchemaName('kpi_rm');
      schemas.push(schema);
      await withAdminClient(async (client) => {
        await migratePostgresSchema(client, { schema, table: READ_MODEL_MIGRATIONS_TABLE, migrations: postgresReadModelMigrations.slice(0, 3) });
        await client.query(`UPDATE "${schema}".kpi_checkpoint SET position = 7`);
        await client.query(`INSERT INTO "${schema}".kpi_buckets (bucket_key, bucket) VALUES ($1, $2)`, [key, JSON.stringify(bucket)]);
      });

      const readModel = await open(schema);
      const empty = new KpiEngine().drainDirty();
      await readModel.commit({ expectedCheckpoint: 7, checkpoint: 8, dirty: empty, closesEpoch: { lastRecordedAt: '2026-03-02T10:00:00.000Z' } });
      await readModel.commit({ expectedCheckpoint: 8, checkpoint: 9, dirty: { ...empty, buckets: [rewritten] }, closesEpoch: { lastRecordedAt: '2026-03-02T11:00:00.000Z' } });

      expect(await readModel.history.loadAsOf(1, { openMaxDays: 7, recentSince: 0 })).toEqual({
        checkpoint: 8,
        snapshot: { declarations: [], cases: [], buckets: [bucket], quality: {} },
      });
      expect(await readModel.history.coldAsOf(1).bucketsNamed([key])).toEqual([bucket]);
      expect(await readModel.history.coldAsOf(2).bucketsNamed([key])).toEqual([rewritten]);
      expect(await readModel.cold.bucketsNamed([key])).toEqual([rewritten]);
    });
  });
});
