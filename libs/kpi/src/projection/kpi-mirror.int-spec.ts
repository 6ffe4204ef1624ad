import { afterEach, expect, it } from '@jest/globals';
import { type NormalizedEvent } from '@customs-pulse/domain';
import { type EventStore } from '@customs-pulse/event-store';
import { PostgresEventStore } from '@customs-pulse/event-store/postgres';
import { SeededRandom, anEvent, anEventOfType, dropSchemas, postgresAvailable, postgresUrl, realisticHistory, uniqueSchemaName, waitUntil } from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';

import { KPI_CATALOGUE } from '@customs-pulse/domain';
import { KpisAsOf } from '../as-of/kpis-as-of.js';
import { DAY_MS } from '../engine/bucket-time.js';
import { type HeldSubjectsPolicy } from '../engine/held-subjects.js';
import { type KpiEngine } from '../engine/kpi-engine.js';
import { TIGHT_BUCKETS } from '../engine/testing/bounded-buckets-engine.js';
import { type ColdBucketRows, fingerprint, slicesUsed } from '../engine/testing/determinism-fixtures.js';
import { storedDeclarationFacts } from '../declarations/stored-declaration-facts.js';
import { SILENT_NOTIFIER } from '../notifier/notifier.port.js';
import { MirroringGenerations } from '../read-model/mirror/mirroring-generations.js';
import { PostgresActiveHistory } from '../read-model/postgres/postgres-active-history.js';
import { PostgresKpiReadModel } from '../read-model/postgres/postgres-kpi-read-model.js';
import { PostgresKpiReadModelGenerations } from '../read-model/postgres/postgres-kpi-read-model-generations.js';
import { PostgresMirroredReadModel } from '../read-model/postgres/postgres-mirrored-read-model.js';
import { generationSchemas } from '../read-model/postgres/testing/postgres-admin.js';
import { type ColdState, type CommittedKpiChanges, type MirroredKpiReadModel } from '../read-model/read-model.port.js';
import { type CommittedKpiBatch, type KpiCommitObserver } from './kpi-commit-observer.port.js';
import { trsReportOf } from '../reports/trs-report.js';
import { withColdBuckets } from './cold-bucket-reads.js';
import { KpiProjection } from './kpi-projection.js';
import { cleanRebuild, validated } from './testing/stored-history.js';

const LOGGER = { log: () => undefined, warn: () => undefined, error: () => undefined };
const EPOCH_EVENTS = 200;
const KPIS = KPI_CATALOGUE.filter((kpi) => kpi.id !== 'ingest_lag_p95').map((kpi) => kpi.id);
/** Closed declarations go at once, open ones after a day without events: the most reading back a history can cause. */
const TIGHT: HeldSubjectsPolicy = { openMaxDays: 1, closedCacheSize: 0 };
/** A week after the history (realistic-history.ts starts on 2026-03-01): nothing in it is recent. */
const NOW = new Date('2026-03-15T12:00:00.000Z');
const PERIOD = { from: Date.parse('2026-03-01T00:00:00.000Z'), to: Date.parse('2026-03-01T00:00:00.000Z') + 14 * DAY_MS };

/** The history in a shuffled order: late events reach declarations and buckets the projector let go of. */
function shuffledHistory(seed: number, declarations: number): NormalizedEvent[] {
  const events = realisticHistory(seed, declarations).map(({ type, subject, data, envelope }) => validated(anEventOfType(type, subject, data, envelope)));
  return new SeededRandom(seed).shuffled(events);
}

async function append(store: EventStore, events: readonly NormalizedEvent[]): Promise<void> {
  for (let from = 0; from < events.length; from += 100) {
    await store.appendMany(events.slice(from, from + 100).map((event) => ({ stream: event.subject, events: [event] })));
  }
}

describeWithInfrastructure(`PostgreSQL at ${postgresUrl}`, await postgresAvailable(), 'a KPI mirror of a PostgreSQL projector', () => {
  const cleanup: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function deployment() {
    const storeSchema = uniqueSchemaName('mirror_events');
    const kpiSchema = uniqueSchemaName('mirror_kpi');
    const store = await PostgresEventStore.open({ connectionString: postgresUrl, schema: storeSchema, pollIntervalMs: 20 });
    cleanup.push(async () => dropSchemas([storeSchema, kpiSchema, ...(await generationSchemas(kpiSchema)).map((n) => `${kpiSchema}_g${n}`)]));
    cleanup.push(() => store.close());
    const start = async (projection: KpiProjection) => {
      await projection.start();
      cleanup.push(() => projection.stop());
      return projection;
    };
    const bounded = { heldSubjects: TIGHT, heldBuckets: TIGHT_BUCKETS, clock: { now: () => NOW } };
    const projector = () =>
      PostgresKpiReadModelGenerations.open({ connectionString: postgresUrl, schema: kpiSchema }).then((generations) =>
        start(new KpiProjection({ source: store, generations, notifier: SILENT_NOTIFIER, logger: LOGGER, batchSize: 100, epochEvents: EPOCH_EVENTS, ...bounded })),
      );
    /** The changes each read of the mirror took. */
    const taken: CommittedKpiChanges[] = [];
    const mirror = (observers: readonly KpiCommitObserver[] = []) => {
      const mirrored = PostgresMirroredReadModel.open({ connectionString: postgresUrl, schema: kpiSchema });
      const recording: MirroredKpiReadModel = {
        load: (hot) => mirrored.load(hot),
        changesSince: async (checkpoint) => {
          const changes = await mirrored.changesSince(checkpoint);
          if (changes !== null) taken.push(changes);
          return changes;
        },
        get cold() {
          return mirrored.cold;
        },
        close: () => mirrored.close(),
      };
      const generations = new MirroringGenerations(recording, PostgresActiveHistory.open({ connectionString: postgresUrl, schema: kpiSchema }));
      return start(new KpiProjection({ source: store, generations, notifier: SILENT_NOTIFIER, logger: LOGGER, mirrorPollMs: 20, observers, ...bounded }));
    };
    const atHead = async (...projections: KpiProjection[]) => {
      const head = (await store.head()).position;
      await waitUntil('every projection is at the head', () => projections.every((projection) => projection.view().position === head));
      return head;
    };
    return { store, kpiSchema, projector, mirror, taken, atHead };
  }

  /** What every query of the API reads, the cold buckets from the projector's read model. */
  async function answers(engine: KpiEngine, cold: ColdState | null, reference: KpiEngine, kpiSchema: string, generation: number) {
    const readModel = await PostgresKpiReadModel.open({ connectionString: postgresUrl, schema: `${kpiSchema}_g${generation}` });
    try {
      const { snapshot } = await readModel.load();
      const stored: ColdBucketRows = ({ measure, granularity, slice, from, to }) =>
        snapshot!.buckets.filter((row) => row.measure === measure && row.granularity === granularity && row.slice === slice && Date.parse(row.start) >= from && Date.parse(row.start) < to);
      return {
        fingerprint: fingerprint(engine, slicesUsed(reference), [NOW.toISOString()], stored),
        offices: engine.offices(),
        trs: await trsReportOf(engine, cold, { period: PERIOD, filters: {}, position: 1 }),
      };
    } finally {
      await readModel.close();
    }
  }

  it('reads an empty state, and no changes, before any projector made a generation', async () => {
    const { kpiSchema } = await deployment();
    const mirrored = PostgresMirroredReadModel.open({ connectionString: postgresUrl, schema: kpiSchema });
    cleanup.push(() => mirrored.close());

    expect(await mirrored.load()).toEqual({ checkpoint: 0, snapshot: null });
    expect(await mirrored.changesSince(0)).toBeNull();
  });

  it('loads the projector’s hot state, then takes its commits, late events on cold state included, to the answers of an engine holding all', async () => {
    const { store, kpiSchema, projector, mirror, taken, atHead } = await deployment();
    const events = shuffledHistory(20261207, 160);
    const first = Math.floor(events.length * 0.4);
    await append(store, events.slice(0, first));
    const projecting = await projector();
    await projecting.caughtUp;
    const mirroring = await mirror();
    const startedAt = mirroring.view().position;

    // The rest arrives while both run: the projector reads cold subjects and buckets back, the mirror takes its rows.
    await append(store, events.slice(first));
    const head = await atHead(projecting, mirroring);
    const reference = await cleanRebuild(store);

    expect(startedAt).toBeLessThan(head);
    expect(taken.length).toBeGreaterThan(3);
    expect(taken.flatMap(({ changes }) => changes.buckets).filter((bucket) => Date.parse(bucket.start) < NOW.getTime() - 7 * DAY_MS).length).toBeGreaterThan(0);
    const mirrored = await answers(mirroring.view().engine, mirroring.view().cold, reference, kpiSchema, 1);
    expect(mirrored.fingerprint).toEqual(fingerprint(reference, slicesUsed(reference), [NOW.toISOString()]));
    expect(mirrored.offices).toEqual(reference.offices());
    expect(mirrored.trs).toEqual(await trsReportOf(reference, null, { period: PERIOD, filters: {}, position: 1 }));
    // Bounded as the projector is: the closed declarations and the buckets before the horizons are on disk only.
    const held = () => mirroring.view().engine.heldSubjects();
    await waitUntil('the mirror has let go of the closed declarations', () => held().declarations < reference.heldSubjects().declarations / 2);
    expect(held().letGo).toBeGreaterThan(50);
    expect(held().buckets).toBeLessThan(reference.heldSubjects().buckets / 10);
    const coldOne = [...reference.heldDeclarations()].find(({ subject }) => mirroring.view().engine.declarationFacts(subject) === undefined)!;
    expect(await storedDeclarationFacts(mirroring.view().engine, mirroring.view().cold!, coldOne.subject)).toEqual(coldOne.facts);
  });

  it('tells its observers of the events between checkpoints, of the types they name, each once; every type when one names none', async () => {
    const { store, projector, mirror, atHead } = await deployment();
    await append(store, shuffledHistory(3, 30));
    const projecting = await projector();
    await projecting.caughtUp;
    const told = (eventTypes?: readonly string[]) => {
      const positions: number[] = [];
      return { positions, observer: { ...(eventTypes ? { eventTypes } : {}), committed: async ({ events }: CommittedKpiBatch) => void positions.push(...events.map((event) => event.position)) } };
    };
    const seizures = told(['SeizureRecorded']);
    const seizuresAndArrivals = told(['SeizureRecorded', 'GoodsArrived']);
    const mirroring = await mirror([seizures.observer, seizuresAndArrivals.observer]);
    const loadedAt = mirroring.view().position;
    const later = shuffledHistory(4, 30);
    await append(store, later);
    await atHead(projecting, mirroring);

    const after = (await store.readAll(loadedAt, 100_000)).filter((event) => ['SeizureRecorded', 'GoodsArrived'].includes(event.type));
    expect(after.filter((event) => event.type === 'SeizureRecorded').length).toBeGreaterThan(0);
    // The events of the types some observer names, and no other: each observer picks its own among them.
    expect(seizures.positions).toEqual(after.map((event) => event.position));
    expect(seizuresAndArrivals.positions).toEqual(seizures.positions);

    const every = told();
    const all = await mirror([every.observer]);
    await store.append('S-T', [validated(anEvent.seizureRecorded('S-T', {}, { time: '2026-03-03T11:00:00.000Z' }))], 'any');
    const head = await atHead(projecting, all);
    expect(every.positions).toEqual([head]);
  });

  it('waits, not ready, for a projector to make its first generation, then mirrors it', async () => {
    const { store, kpiSchema, projector, mirror, atHead } = await deployment();
    const events = shuffledHistory(5, 40);
    await append(store, events);
    const mirroring = await mirror();

    expect(mirroring.isCaughtUp).toBe(false);
    expect(mirroring.view().position).toBe(0);
    const projecting = await projector();
    await atHead(projecting, mirroring);

    const reference = await cleanRebuild(store);
    expect(mirroring.isCaughtUp).toBe(true);
    expect((await answers(mirroring.view().engine, mirroring.view().cold, reference, kpiSchema, 1)).fingerprint).toEqual(
      fingerprint(reference, slicesUsed(reference), [NOW.toISOString()]),
    );
  });

  it('loads the generation the projector swapped in, and takes its commits from there', async () => {
    const { store, kpiSchema, projector, mirror, atHead } = await deployment();
    const events = shuffledHistory(7, 60);
    await append(store, events.slice(0, 300));
    const projecting = await projector();
    await projecting.caughtUp;
    const mirroring = await mirror();
    const loaded = mirroring.view().engine;

    const { generation } = await projecting.rebuild();
    await append(store, events.slice(300));
    await atHead(projecting, mirroring);
    const reference = await cleanRebuild(store);

    expect(generation).toBe(2);
    expect(mirroring.view().engine).not.toBe(loaded);
    expect((await answers(mirroring.view().engine, mirroring.view().cold, reference, kpiSchema, 2)).fingerprint).toEqual(
      fingerprint(reference, slicesUsed(reference), [NOW.toISOString()]),
    );
  });

  it('answers asOf from the projector’s epochs, and from the new generation’s once the projector rebuilt', async () => {
    const { store, projector, mirror, atHead } = await deployment();
    await append(store, shuffledHistory(11, 200));
    const projecting = await projector();
    await projecting.caughtUp;
    const mirroring = await mirror();
    await store.append('S-F', [validated(anEvent.seizureRecorded('S-F', {}, { time: '2026-03-03T11:00:00.000Z' }))], 'any');
    await atHead(projecting, mirroring);
    let read = 0;
    const counted = { readAll: async (after: number, limit: number) => { const page = await store.readAll(after, limit); read += page.length; return page; } };
    const asOf = new KpisAsOf({ store: counted, pageSize: 100, history: () => mirroring.history() });
    const series = (engine: KpiEngine, cold: ColdState | null) =>
      Promise.all(KPIS.map((kpiId) => withColdBuckets(cold, (rows) => engine.series(kpiId, 'day', '2026-02-28T00:00:00.000Z', '2026-03-10T00:00:00.000Z', {}, rows))));
    const expected = await series(projecting.view().engine, projecting.view().cold);
    const now = Date.now();

    const before = await mirroring.history();
    expect(before).not.toBeNull();
    expect(await asOf.answer(now, ({ engine, cold, position }) => series(engine, cold).then((answer) => ({ answer, position })))).toEqual({ answer: expected, position: (await store.head()).position });
    expect(read).toBeLessThanOrEqual(EPOCH_EVENTS + 100);

    await projecting.rebuild();
    const after = await mirroring.history();
    expect(after).not.toBe(before);
    expect(await asOf.answer(now + 1, ({ engine, cold }) => series(engine, cold))).toEqual(expected);
  });
});
