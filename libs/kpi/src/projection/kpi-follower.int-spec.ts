import { afterEach, expect, it } from '@jest/globals';
import { PostgresEventStore } from '@customs-pulse/event-store/postgres';
import { anEvent, dropSchemas, postgresAvailable, postgresUrl, uniqueSchemaName, waitUntil } from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';

import { KPI_CATALOGUE } from '@customs-pulse/domain';
import { KpisAsOf } from '../as-of/kpis-as-of.js';
import { type KpiEngine } from '../engine/kpi-engine.js';
import { SILENT_NOTIFIER } from '../notifier/notifier.port.js';
import { type ColdState } from '../read-model/read-model.port.js';
import { withColdBuckets } from './cold-bucket-reads.js';
import { canonical, storeRealisticHistory, validated } from './testing/stored-history.js';
import { followReadModelGenerations } from '../read-model/open-read-model-generations.js';
import { loadActiveKpiState } from '../read-model/postgres/postgres-active-kpi-state.js';
import { PostgresKpiReadModelGenerations } from '../read-model/postgres/postgres-kpi-read-model-generations.js';
import { generationSchemas } from '../read-model/postgres/testing/postgres-admin.js';
import { KpiProjection } from './kpi-projection.js';

const LOGGER = { log: () => undefined, warn: () => undefined, error: () => undefined };
const EPOCH_EVENTS = 200;
const KPIS = KPI_CATALOGUE.filter((kpi) => kpi.id !== 'ingest_lag_p95').map((kpi) => kpi.id);

describeWithInfrastructure(`PostgreSQL at ${postgresUrl}`, await postgresAvailable(), 'a KPI follower of a PostgreSQL projector', () => {
  const cleanup: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function deployment() {
    const storeSchema = uniqueSchemaName('follow_events');
    const kpiSchema = uniqueSchemaName('follow_kpi');
    const store = await PostgresEventStore.open({ connectionString: postgresUrl, schema: storeSchema, pollIntervalMs: 20 });
    cleanup.push(async () => dropSchemas([storeSchema, kpiSchema, ...(await generationSchemas(kpiSchema)).map((n) => `${kpiSchema}_g${n}`)]));
    cleanup.push(() => store.close());
    const settings = { adapter: 'postgres' as const, connectionString: postgresUrl, schema: kpiSchema };
    const start = async (projection: KpiProjection) => {
      await projection.start();
      cleanup.push(() => projection.stop());
      return projection;
    };
    const projector = () =>
      PostgresKpiReadModelGenerations.open({ connectionString: postgresUrl, schema: kpiSchema }).then((generations) =>
        start(new KpiProjection({ source: store, generations, notifier: SILENT_NOTIFIER, logger: LOGGER, batchSize: 100, epochEvents: EPOCH_EVENTS })),
      );
    const follower = () =>
      start(new KpiProjection({ source: store, generations: followReadModelGenerations(settings), notifier: SILENT_NOTIFIER, logger: LOGGER }));
    return { store, kpiSchema, projector, follower };
  }

  it('reads an empty state before any projector made a generation', async () => {
    const { kpiSchema } = await deployment();

    expect(await loadActiveKpiState({ connectionString: postgresUrl, schema: kpiSchema })).toEqual({ checkpoint: 0, snapshot: null });
  });

  it('starts from the projector’s committed state, then follows the log to the same values', async () => {
    const { store, projector, follower } = await deployment();
    await storeRealisticHistory(store, 42, 120);
    const projecting = await projector();
    await projecting.caughtUp;

    const following = await follower();
    const startedAt = following.view().position;
    await store.append('S-F', [validated(anEvent.seizureRecorded('S-F', {}, { time: '2026-03-03T11:00:00.000Z' }))], 'any');
    const head = (await store.head()).position;
    await waitUntil('both reach the head', () => projecting.view().position === head && following.view().position === head);

    expect(startedAt).toBe(head - 1);
    expect(canonical(following.view().engine.toJSON())).toEqual(canonical(projecting.view().engine.toJSON()));
  });

  it('starts from the swapped-in generation after the projector rebuilt', async () => {
    const { store, projector, follower } = await deployment();
    await storeRealisticHistory(store, 7, 60);
    const projecting = await projector();
    await projecting.caughtUp;
    await projecting.rebuild();

    const following = await follower();

    expect(following.view().position).toBe((await store.head()).position);
    expect(canonical(following.view().engine.toJSON())).toEqual(canonical(projecting.view().engine.toJSON()));
  });

  it('answers asOf from the projector’s epochs, and from the new generation’s once the projector rebuilt', async () => {
    const { store, projector, follower } = await deployment();
    await storeRealisticHistory(store, 11, 200);
    const projecting = await projector();
    await projecting.caughtUp;
    const following = await follower();
    let read = 0;
    const counted = { readAll: async (after: number, limit: number) => { const page = await store.readAll(after, limit); read += page.length; return page; } };
    const asOf = new KpisAsOf({ store: counted, pageSize: 100, history: () => following.history() });
    const series = (engine: KpiEngine, cold: ColdState | null) =>
      Promise.all(KPIS.map((kpiId) => withColdBuckets(cold, (rows) => engine.series(kpiId, 'day', '2026-02-28T00:00:00.000Z', '2026-03-10T00:00:00.000Z', {}, rows))));
    const expected = await series(projecting.view().engine, projecting.view().cold);
    const now = Date.now();

    const before = await following.history();
    expect(before).not.toBeNull();
    expect(await asOf.answer(now, ({ engine, cold, position }) => series(engine, cold).then((answer) => ({ answer, position })))).toEqual({ answer: expected, position: (await store.head()).position });
    expect(read).toBeLessThanOrEqual(EPOCH_EVENTS + 100);

    await projecting.rebuild();
    const after = await following.history();
    expect(after).not.toBe(before);
    expect(await asOf.answer(now + 1, ({ engine, cold }) => series(engine, cold))).toEqual(expected);
  });
});
