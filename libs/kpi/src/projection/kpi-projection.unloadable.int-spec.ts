import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { dropSchemas, postgresAvailable, postgresUrl, uniqueSchemaName, waitUntil } from '@customs-pulse/testing';
import Database from 'better-sqlite3';

import { type KpiReadModelGenerations } from '../read-model/read-model-generations.port.js';
import { PostgresKpiReadModelGenerations } from '../read-model/postgres/postgres-kpi-read-model-generations.js';
import { generationSchemas, withAdminClient } from '../read-model/postgres/testing/postgres-admin.js';
import { generationFile } from '../read-model/sqlite/sqlite-generation-files.js';
import { SqliteKpiReadModelGenerations } from '../read-model/sqlite/sqlite-kpi-read-model-generations.js';
import { KpiProjection } from './kpi-projection.js';
import { KpiProjectionRestoringError } from './kpi-projection-restoring-error.js';
import { canonical, cleanRebuild, storeRealisticHistory } from './testing/stored-history.js';

const CLOCK = { now: () => new Date('2026-03-03T12:30:00.000Z') };

/** A bucket row as a build that wrote counters beyond 2^53 left it: it does not load. */
const UNLOADABLE_BUCKET = JSON.stringify({
  measure: 'duties', granularity: 'hour', start: '2026-03-02T10:00:00.000Z', slice: '', sketch: null,
  values: [10_000, 1e16, 0, 0, 0, 0, 0, 0],
});

interface Backend {
  readonly name: string;
  readonly available: boolean;
  open(): Promise<KpiReadModelGenerations>;
  /** Overwrites every bucket of generation `generation` with `bucket`. */
  corrupt(generation: number, bucket: string): Promise<void>;
  dispose(): Promise<void>;
}

function sqliteBackend(folder: () => string): Backend {
  const directory = (): string => join(folder(), 'kpi');
  return {
    name: 'SQLite',
    available: true,
    open: async () => SqliteKpiReadModelGenerations.open({ directory: directory() }),
    corrupt: async (generation, bucket) => {
      const db = new Database(generationFile(directory(), generation));
      try {
        db.prepare('UPDATE kpi_buckets SET bucket = ?').run(bucket);
      } finally {
        db.close();
      }
    },
    dispose: async () => undefined,
  };
}

function postgresBackend(available: boolean): Backend {
  let schema = uniqueSchemaName('kpi_unloadable');
  return {
    name: 'PostgreSQL',
    available,
    open: () => PostgresKpiReadModelGenerations.open({ connectionString: postgresUrl, schema }),
    corrupt: (generation, bucket) =>
      withAdminClient(async (client) => void (await client.query(`UPDATE "${schema}_g${generation}".kpi_buckets SET bucket = $1::json`, [bucket]))),
    dispose: async () => {
      await dropSchemas([schema, ...(await generationSchemas(schema)).map((generation) => `${schema}_g${generation}`)]);
      schema = uniqueSchemaName('kpi_unloadable');
    },
  };
}

const LOGGER = { log: () => undefined, warn: () => undefined, errors: [] as string[], error: (message: string) => void LOGGER.errors.push(message) };

let folder = '';
const backends = [sqliteBackend(() => folder), postgresBackend(await postgresAvailable())];

describe.each(backends.filter((backend) => backend.available).map((backend) => [backend.name, backend] as const))(
  'KpiProjection over a %s read model that does not load',
  (_name, backend) => {
    let store: SqliteEventStore;
    const projections: KpiProjection[] = [];
    const projection = async (): Promise<KpiProjection> => {
      const created = new KpiProjection({ source: store, generations: await backend.open(), notifier: { publishKpiUpdates: async () => undefined }, logger: LOGGER, batchSize: 100, clock: CLOCK, retry: { initialMs: 20, maxMs: 200 } });
      projections.push(created);
      return created;
    };

    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'kpi-unloadable-'));
      store = SqliteEventStore.open({ file: join(folder, 'events.sqlite'), pollIntervalMs: 20 });
      LOGGER.errors.length = 0;
    });

    afterEach(async () => {
      for (const created of projections.splice(0)) await created.stop();
      await store.close();
      await backend.dispose();
      rmSync(folder, { recursive: true, force: true });
    });

    /** A history projected into generation 1, whose buckets are then overwritten with `bucket`; and a projection started over it. */
    const restartedOver = async (seed: number, bucket: string): Promise<KpiProjection> => {
      await storeRealisticHistory(store, seed, 40);
      const first = await projection();
      await first.start();
      await first.caughtUp;
      await first.stop();
      projections.length = 0;
      await backend.corrupt(1, bucket);
      const restarted = await projection();
      await restarted.start();
      return restarted;
    };

    it.each([
      ['a bucket of an incompatible form', UNLOADABLE_BUCKET, 'values are not 8 integers for duties'],
      ['a bucket that is not a bucket', '{"measure":"nothing"}', 'unknown measure nothing'],
    ])('starts anyway on %s, says why, answers nothing until rebuilt, then the values of a clean rebuild', async (_case, bucket, reason) => {
      const restarted = await restartedOver(15, bucket);
      expect(LOGGER.errors.join('\n')).toContain(reason);
      if (restarted.restoringBecause !== null) {
        expect(() => restarted.view()).toThrow(KpiProjectionRestoringError);
        expect(restarted.isCaughtUp).toBe(false);
      }
      await waitUntil('the rebuilt generation is live', () => restarted.restoringBecause === null && restarted.isCaughtUp);
      const expected = canonical((await cleanRebuild(store)).toJSON());
      expect(canonical(restarted.view().engine.toJSON())).toEqual(expected);
      await restarted.stop();
      projections.length = 0;

      // The next start loads the rebuilt generation as any other.
      const next = await projection();
      await next.start();
      expect(next.restoringBecause).toBeNull();
      expect(canonical(next.view().engine.toJSON())).toEqual(expected);
    });

    it('answers a rebuild asked while it restores with that restore, as `npm run kpi:rebuild` asks one', async () => {
      const restarted = await restartedOver(16, UNLOADABLE_BUCKET);
      const restoring = restarted.restoringBecause !== null;
      const report = await restarted.rebuild();

      expect(canonical(restarted.view().engine.toJSON())).toEqual(canonical((await cleanRebuild(store)).toJSON()));
      expect(report.position).toBe((await store.head()).position);
      // The restore's generation is 2: a second rebuild would have made a third.
      if (restoring) expect(report.generation).toBe(2);
    });
  },
);
