import { afterEach, describe, expect, it } from '@jest/globals';
import { dropSchemas, postgresAvailable, postgresUrl, uniqueSchemaName } from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import pg from 'pg';

import { KpiEngine } from '../../engine/kpi-engine.js';
import { KpiProjectionLeaseHeldError, type KpiReadModelGenerations } from '../read-model-generations.port.js';
import { KpiReadModelUnavailableError } from '../read-model-unavailable-error.js';
import { kpiReadModelGenerationsContract } from '../testing/kpi-read-model-generations.contract.js';
import { PostgresKpiReadModelGenerations } from './postgres-kpi-read-model-generations.js';
import { generationSchemas, withAdminClient } from './testing/postgres-admin.js';

/** Drops control schema `schema` and every schema of its generations. */
async function dropGenerations(schema: string): Promise<void> {
  await dropSchemas([schema, ...(await generationSchemas(schema)).map((generation) => `${schema}_g${generation}`)]);
}

describeWithInfrastructure(`PostgreSQL at ${postgresUrl}`, await postgresAvailable(), 'PostgresKpiReadModelGenerations', () => {
  kpiReadModelGenerationsContract(() => {
    const schema = uniqueSchemaName('kpi_gen');
    return {
      open: () => PostgresKpiReadModelGenerations.open({ connectionString: postgresUrl, schema }),
      storedGenerations: () => generationSchemas(schema),
      dispose: () => dropGenerations(schema),
    };
  });

  describe('on PostgreSQL', () => {
    const schemas: string[] = [];
    const opened: KpiReadModelGenerations[] = [];
    const open = async (schema: string, pool?: pg.Pool): Promise<KpiReadModelGenerations> => {
      if (!schemas.includes(schema)) schemas.push(schema);
      const generations = await PostgresKpiReadModelGenerations.open(pool ? { pool, schema } : { connectionString: postgresUrl, schema });
      opened.push(generations);
      return generations;
    };

    afterEach(async () => {
      for (const generations of opened.splice(0)) await generations.close();
      for (const schema of schemas.splice(0)) await dropGenerations(schema);
    });

    it('gives the lease up when the session holding it ends, and its holder can then change nothing', async () => {
      const schema = uniqueSchemaName('kpi_gen');
      const crashed = await open(schema);
      await crashed.active();

      await withAdminClient((client) =>
        client.query(
          `SELECT pg_terminate_backend(pid) FROM pg_locks
           WHERE locktype = 'advisory' AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)`,
          [`customs-pulse/kpi-projection/${schema}`],
        ),
      );

      const next = await open(schema);
      expect((await next.active()).generation).toBe(1);
      await expect(crashed.fresh()).rejects.toBeInstanceOf(KpiReadModelUnavailableError);
      await expect(crashed.activate(1)).rejects.toBeInstanceOf(KpiReadModelUnavailableError);
    });

    it('takes the lease again once the session holding it ends and nobody else took it, as after a PostgreSQL restart', async () => {
      const schema = uniqueSchemaName('kpi_gen');
      const restarted = await open(schema);
      expect((await restarted.active()).generation).toBe(1);

      await withAdminClient((client) =>
        client.query(
          `SELECT pg_terminate_backend(pid) FROM pg_locks
           WHERE locktype = 'advisory' AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)`,
          [`customs-pulse/kpi-projection/${schema}`],
        ),
      );

      // What a rebuild does: a fresh generation, then the swap.
      const fresh = await restarted.fresh();
      await restarted.activate(fresh.generation);
      expect((await restarted.active()).generation).toBe(fresh.generation);
      // And it holds the lease again: nobody else can take it.
      await expect(PostgresKpiReadModelGenerations.open({ connectionString: postgresUrl, schema })).rejects.toBeInstanceOf(KpiProjectionLeaseHeldError);
    });

    it("works in a pool of the caller's, even of one connection (the lease has its own), and leaves it open", async () => {
      const schema = uniqueSchemaName('kpi_gen');
      const pool = new pg.Pool({ connectionString: postgresUrl, max: 1 });
      try {
        const generations = await open(schema, pool);
        const { readModel } = await generations.active();
        await readModel.commit({ expectedCheckpoint: 0, checkpoint: 4, dirty: new KpiEngine().drainDirty() });
        expect((await readModel.load()).checkpoint).toBe(4);
        await generations.close();

        await expect(pool.query('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
      } finally {
        await pool.end();
      }
    });
  });
});
