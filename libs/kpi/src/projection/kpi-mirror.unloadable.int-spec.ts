import { afterEach, expect, it } from '@jest/globals';
import { type Position } from '@customs-pulse/event-store';
import { PostgresEventStore } from '@customs-pulse/event-store/postgres';
import { dropSchemas, postgresAvailable, postgresUrl, uniqueSchemaName, waitUntil } from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';

import { SILENT_NOTIFIER } from '../notifier/notifier.port.js';
import { MirroringGenerations } from '../read-model/mirror/mirroring-generations.js';
import { PostgresMirroredReadModel } from '../read-model/postgres/postgres-mirrored-read-model.js';
import { type MirroredKpiReadModel } from '../read-model/read-model.port.js';
import { PostgresKpiReadModelGenerations } from '../read-model/postgres/postgres-kpi-read-model-generations.js';
import { generationSchemas, withAdminClient } from '../read-model/postgres/testing/postgres-admin.js';
import { KpiProjection } from './kpi-projection.js';
import { KpiProjectionRestoringError } from './kpi-projection-restoring-error.js';
import { canonical, storeRealisticHistory } from './testing/stored-history.js';

const LOGGER = { log: () => undefined, warn: () => undefined, error: () => undefined };
const RETRY = { initialMs: 20, maxMs: 100 };

/** A bucket row as a build that wrote counters beyond 2^53 left it: it does not load. */
const UNLOADABLE_BUCKET = JSON.stringify({
  measure: 'duties', granularity: 'hour', start: '2026-03-02T10:00:00.000Z', slice: '', sketch: null,
  values: [10_000, 1e16, 0, 0, 0, 0, 0, 0],
});

describeWithInfrastructure(`PostgreSQL at ${postgresUrl}`, await postgresAvailable(), 'a KPI mirror whose active generation does not load', () => {
  const cleanup: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('stays up answering nothing, reads nothing of the log, and mirrors the generation the projector rebuilt', async () => {
    const storeSchema = uniqueSchemaName('follow_unloadable_events');
    const kpiSchema = uniqueSchemaName('follow_unloadable_kpi');
    const store = await PostgresEventStore.open({ connectionString: postgresUrl, schema: storeSchema, pollIntervalMs: 20 });
    cleanup.push(async () => dropSchemas([storeSchema, kpiSchema, ...(await generationSchemas(kpiSchema)).map((n) => `${kpiSchema}_g${n}`)]));
    cleanup.push(() => store.close());
    const start = async (projection: KpiProjection): Promise<KpiProjection> => {
      await projection.start();
      cleanup.push(() => projection.stop());
      return projection;
    };
    const projector = async (): Promise<KpiProjection> =>
      start(new KpiProjection({
        source: store, generations: await PostgresKpiReadModelGenerations.open({ connectionString: postgresUrl, schema: kpiSchema }),
        notifier: SILENT_NOTIFIER, logger: LOGGER, batchSize: 100, retry: RETRY,
      }));
    await storeRealisticHistory(store, 23, 80);
    const first = await projector();
    await first.caughtUp;
    await first.stop();
    await withAdminClient(async (client) => void (await client.query(`UPDATE "${kpiSchema}_g1".kpi_buckets SET bucket = $1::json`, [UNLOADABLE_BUCKET])));

    // What the mirror reads of the log, and how often it reads the projector's active generation.
    const readAfter: Position[] = [];
    let loads = 0;
    const mirrored = PostgresMirroredReadModel.open({ connectionString: postgresUrl, schema: kpiSchema });
    const counted: MirroredKpiReadModel = {
      load: (hot) => ((loads += 1), mirrored.load(hot)),
      changesSince: (checkpoint) => mirrored.changesSince(checkpoint),
      get cold() {
        return mirrored.cold;
      },
      close: () => mirrored.close(),
    };
    const following = await start(new KpiProjection({
      source: {
        head: () => store.head(),
        subscribeAll: (after, options) => (readAfter.push(after), store.subscribeAll(after, options)),
        readAll: (after, limit) => (readAfter.push(after), store.readAll(after, limit)),
        readAllOfTypes: (types, after, limit) => (readAfter.push(after), store.readAllOfTypes(types, after, limit)),
      },
      generations: new MirroringGenerations(counted),
      notifier: SILENT_NOTIFIER, logger: LOGGER, retry: RETRY,
    }));

    expect(following.restoringBecause).toContain('values are not 8 integers for duties');
    expect(() => following.view()).toThrow(KpiProjectionRestoringError);
    await waitUntil('the mirror has read the broken generation again', () => loads >= 3);
    expect(following.restoringBecause).toContain('values are not 8 integers for duties');
    expect(following.isCaughtUp).toBe(false);

    const rebuilt = await projector();
    await waitUntil('the projector has swapped in its rebuild', () => rebuilt.restoringBecause === null && rebuilt.isCaughtUp);
    await waitUntil('the mirror answers again', () => following.restoringBecause === null && following.isCaughtUp);

    expect(canonical(following.view().engine.toJSON())).toEqual(canonical(rebuilt.view().engine.toJSON()));
    const head = (await store.head()).position;
    expect(following.view().position).toBe(head);
    // It loaded the projector's rebuilt generation at the head: no event of the log to read.
    expect(readAfter).toEqual([]);
  });
});
