import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KPI_CATALOGUE } from '@customs-pulse/domain';
import { type NormalizedEvent } from '@customs-pulse/domain';
import { type EventStore } from '@customs-pulse/event-store';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { SeededRandom, TestClock, anEventOfType, dropSchemas, postgresAvailable, postgresUrl, realisticHistory, uniqueSchemaName } from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';

import { DAY_MS } from '../engine/bucket-time.js';
import { type HeldSubjectsPolicy } from '../engine/held-subjects.js';
import { storedDeclarationFacts } from '../declarations/stored-declaration-facts.js';
import { withColdBuckets } from '../projection/cold-bucket-reads.js';
import { kpiEngineFactory } from '../projection/kpi-engine-factory.js';
import { KpiProjector } from '../projection/kpi-projector.js';
import { validated } from '../projection/testing/stored-history.js';
import { PostgresKpiReadModel } from '../read-model/postgres/postgres-kpi-read-model.js';
import { type KpiReadModel } from '../read-model/read-model.port.js';
import { SqliteKpiReadModel } from '../read-model/sqlite/sqlite-kpi-read-model.js';
import { trsReportOf } from '../reports/trs-report.js';
import { type EngineAsOf, KpisAsOf } from './kpis-as-of.js';

/** Closed declarations go at once, open ones after a day without events: the most reading back a history can cause. */
const TIGHT: HeldSubjectsPolicy = { openMaxDays: 1, closedCacheSize: 0 };
const EPOCH_EVENTS = 150;
const PAGE_SIZE = 100;
const SILENT = { warn: () => undefined, error: () => undefined };
const FROM = '2026-02-28T00:00:00.000Z';
const TO = '2026-03-09T00:00:00.000Z';
const PERIOD = { from: Date.parse(FROM), to: Date.parse(TO) };
const KPIS = KPI_CATALOGUE.filter((kpi) => kpi.id !== 'ingest_lag_p95').map((kpi) => kpi.id);

/**
 * The history in the order its events happened, but for one in ten, which arrives hours to days late: each batch is
 * recorded a minute after the latest event time it holds, so the bucket horizons move along the history and late
 * events reach buckets and declarations let go of.
 */
function arrivingHistory(): NormalizedEvent[][] {
  const random = new SeededRandom(5);
  const events = realisticHistory(20261207, 160)
    .map(({ type, subject, data, envelope }) => validated(anEventOfType(type, subject, data, envelope)))
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const arrival = events.map((event, index) => ({ event, at: index % 10 === 0 ? index + random.between(1, 600) + 0.5 : index }));
  const arrived = arrival.sort((a, b) => a.at - b.at).map(({ event }) => event);
  const batches: NormalizedEvent[][] = [];
  for (let from = 0; from < arrived.length; from += 40) batches.push(arrived.slice(from, from + 40));
  return batches;
}

/** What a dashboard asks asOf a time: every KPI's current value and series, and the offices it can ask about. */
async function kpiAnswersOf({ engine, position, cold }: EngineAsOf, now: string): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = { position, quality: engine.qualityCounters(), offices: engine.offices() };
  for (const kpiId of KPIS) {
    answers[`${kpiId} current`] = engine.current(kpiId, now);
    for (const granularity of ['hour', 'day'] as const) {
      answers[`${kpiId} ${granularity}`] = await withColdBuckets(cold, (rows) => engine.series(kpiId, granularity, FROM, TO, {}, rows));
    }
  }
  return answers;
}

/** What a dashboard and an auditor ask asOf a time: every KPI's current value and series, the TRS report, facts. */
async function answersOf(asOf: EngineAsOf, now: string, subjects: readonly string[]): Promise<Record<string, unknown>> {
  const { engine, position, cold } = asOf;
  const answers = await kpiAnswersOf(asOf, now);
  answers.trs = await trsReportOf(engine, cold, { period: PERIOD, filters: {}, position });
  for (const subject of subjects) answers[subject] = await storedDeclarationFacts(engine, cold, subject);
  return answers;
}

/** What the TRS report needs of an `asOf` engine (kpis-as-of.ts, `AsOfNeeds`). */
const REPORTS = { reportMeasures: true };

/** `store`, counting the events its `readAll` hands out. */
function counting(store: EventStore): { store: Pick<EventStore, 'readAll'>; read: () => number } {
  let read = 0;
  return {
    store: { readAll: async (after, limit) => { const page = await store.readAll(after, limit); read += page.length; return page; } },
    read: () => {
      const count = read;
      read = 0;
      return count;
    },
  };
}

function asOfFromEpochsContract(name: string, openReadModel: () => Promise<{ readModel: KpiReadModel; dispose: () => Promise<void> }>) {
  describe(`KpisAsOf starting from the epochs of a ${name} read model`, () => {
    let folder: string;
    let store: SqliteEventStore;
    let readModel: KpiReadModel;
    let dispose: () => Promise<void>;
    let projector: KpiProjector;
    let instants: string[];
    let subjects: string[];

    beforeAll(async () => {
      folder = mkdtempSync(join(tmpdir(), 'kpis-as-of-epochs-'));
      const clock = new TestClock();
      store = SqliteEventStore.open({ file: join(folder, 'events.sqlite'), clock, pollIntervalMs: 20 });
      ({ readModel, dispose } = await openReadModel());
      let latest = 0;
      const recordedAt: string[] = [];
      for (const batch of arrivingHistory()) {
        latest = Math.max(latest, ...batch.map((event) => Date.parse(event.time)));
        clock.set(new Date(latest + 60_000).toISOString());
        recordedAt.push(clock.now().toISOString());
        await store.appendMany(batch.map((event) => ({ stream: event.subject, events: [event] })));
      }
      projector = new KpiProjector({
        source: store,
        readModel,
        onChanges: () => undefined,
        logger: SILENT,
        // Not the 40 of an append: epochs then end inside an append, before events recorded at the same instant.
        batchSize: 30,
        clock: { now: () => new Date(latest + DAY_MS) },
        heldSubjects: TIGHT,
        // Days of daily buckets beyond the hourly ones: an answer asOf holds only those from the hour horizon's day.
        heldBuckets: { hourlyDays: 1, dailyDays: 4 },
        epochEvents: EPOCH_EVENTS,
        catchUpCommit: { maxEvents: 200, maxMs: 60_000 },
      });
      await projector.start();
      await projector.caughtUp;
      // Instants at batch boundaries and between them, from before the first epoch closed to after the last event.
      const random = new SeededRandom(9);
      instants = [recordedAt[1]!, ...recordedAt.filter((_, index) => index % 7 === 3), recordedAt.at(-1)!]
        .flatMap((at) => [at, new Date(Date.parse(at) + random.between(1, 50) * 60_000).toISOString()])
        .sort();
      subjects = [...new Set(arrivingHistory().flat().filter((_, index) => index % 97 === 0).map((event) => event.subject))];
    });

    afterAll(async () => {
      await projector.stop();
      await dispose();
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('answers at every instant what a replay of the whole log answers, replaying no more than one epoch of events', async () => {
      const replay = counting(store);
      const fromEpochs = counting(store);
      const everything = new KpisAsOf({ store: replay.store, pageSize: PAGE_SIZE });
      const epochs = new KpisAsOf({ store: fromEpochs.store, pageSize: PAGE_SIZE, history: () => readModel.history!, heldSubjects: TIGHT });
      const readFromEpochs: number[] = [];
      for (const instant of instants) {
        const asOfMs = Date.parse(instant);
        const expected = await everything.answer(asOfMs, (asOf) => answersOf(asOf, instant, subjects), REPORTS);
        replay.read();
        const actual = await epochs.answer(asOfMs, (asOf) => answersOf(asOf, instant, subjects), REPORTS);
        readFromEpochs.push(fromEpochs.read());
        expect({ instant, answers: actual }).toEqual({ instant, answers: expected });
      }
      expect(Math.max(...readFromEpochs)).toBeLessThanOrEqual(EPOCH_EVENTS + PAGE_SIZE);
      // The replay the epochs spare: the last instant's, from position 0.
      expect(projector.position).toBeGreaterThan(4 * (EPOCH_EVENTS + PAGE_SIZE));
    });

    it('leaves the report measures out of an answer that reads no report, and builds an engine with them for a report at the same instant', async () => {
      const everything = new KpisAsOf({ store, pageSize: PAGE_SIZE });
      for (const instant of instants) {
        const asOfMs = Date.parse(instant);
        const expected = await everything.answer(asOfMs, (asOf) => answersOf(asOf, instant, subjects), REPORTS);
        // Its own per instant: one kept with the report measures answers any later question, and would here.
        const epochs = new KpisAsOf({ store, pageSize: PAGE_SIZE, history: () => readModel.history!, heldSubjects: TIGHT });
        const kpis = await epochs.answer(asOfMs, (asOf) => {
          expect(asOf.engine.keepsReportMeasures).toBe(false);
          return kpiAnswersOf(asOf, instant);
        });
        // every KPI answer the report-free engine gave is the whole replay's
        expect({ instant, kpis: expected }).toEqual({ instant, kpis: expect.objectContaining(kpis) });
        // the kept engine lacks them: the report's engine is another
        const withReport = await epochs.answer(asOfMs, (asOf) => answersOf(asOf, instant, subjects), REPORTS);
        expect({ instant, answers: withReport }).toEqual({ instant, answers: expected });
      }
    });

    it('refuses an engine factory that ignores the report-measures choice, whose engine would fold into rows never loaded', async () => {
      const ignoringChoices = (snapshot: Parameters<ReturnType<typeof kpiEngineFactory>>[0]) => kpiEngineFactory()(snapshot);
      const epochs = new KpisAsOf({ store, pageSize: PAGE_SIZE, history: () => readModel.history!, heldSubjects: TIGHT, createEngine: ignoringChoices });

      await expect(epochs.answer(Date.parse(instants.at(-1)!), (asOf) => asOf.position)).rejects.toThrow(
        "the KPI engine factory must honour the reportMeasures choice for an epoch's state (asked false, got true)",
      );
    });

    it('keeps one engine for questions later in the same epoch, and answers an earlier one from its own epoch', async () => {
      const fromEpochs = counting(store);
      const epochs = new KpisAsOf({ store: fromEpochs.store, pageSize: PAGE_SIZE, history: () => readModel.history!, heldSubjects: TIGHT });
      const last = Date.parse(instants.at(-1)!);
      const position = (asOfMs: number) => epochs.answer(asOfMs, ({ position: at }) => at);

      await position(last - 60_000);
      fromEpochs.read();
      expect(await position(last)).toBe(projector.position);
      expect(fromEpochs.read()).toBeLessThanOrEqual(PAGE_SIZE);
      const earlier = await position(Date.parse(instants[2]!));
      expect(earlier).toBeLessThan(projector.position);
      expect(fromEpochs.read()).toBeLessThanOrEqual(EPOCH_EVENTS + PAGE_SIZE);
    });
  });
}

asOfFromEpochsContract('SQLite', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'kpis-as-of-epochs-rm-'));
  const readModel = SqliteKpiReadModel.open({ file: join(folder, 'read-model.sqlite') });
  return {
    readModel,
    dispose: async () => {
      await readModel.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
});

describeWithInfrastructure(`PostgreSQL at ${postgresUrl}`, await postgresAvailable(), 'KpisAsOf from the epochs of a PostgreSQL read model', () => {
  asOfFromEpochsContract('PostgreSQL', async () => {
    const schema = uniqueSchemaName('kpi_epochs');
    const readModel = await PostgresKpiReadModel.open({ connectionString: postgresUrl, schema });
    return {
      readModel,
      dispose: async () => {
        await readModel.close();
        await dropSchemas([schema]);
      },
    };
  });
});
