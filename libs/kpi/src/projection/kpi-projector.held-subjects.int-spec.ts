import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type NormalizedEvent } from '@customs-pulse/domain';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { SeededRandom, TestClock, anEventOfType, dropSchemas, postgresAvailable, postgresUrl, realisticHistory, uniqueSchemaName } from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';

import { DAY_MS } from '../engine/bucket-time.js';
import { type HeldBucketsPolicy } from '../engine/bucket-horizons.js';
import { type BucketJson } from '../engine/buckets.js';
import { type HeldSubjectsPolicy } from '../engine/held-subjects.js';
import { KpiEngine } from '../engine/kpi-engine.js';
import { type ColdBucketRows, FROM, TO, fingerprint, slicesUsed } from '../engine/testing/determinism-fixtures.js';
import { storedDeclarationFacts } from '../declarations/stored-declaration-facts.js';
import { PostgresKpiReadModel } from '../read-model/postgres/postgres-kpi-read-model.js';
import { type KpiReadModel } from '../read-model/read-model.port.js';
import { SqliteKpiReadModel } from '../read-model/sqlite/sqlite-kpi-read-model.js';
import { trsReportOf } from '../reports/trs-report.js';
import { withColdBuckets } from './cold-bucket-reads.js';
import { KpiProjector } from './kpi-projector.js';
import { canonical, cleanRebuild, validated } from './testing/stored-history.js';

/** Closed declarations go at once, open ones after a day without events: the most reading back a history can cause. */
const TIGHT: HeldSubjectsPolicy = { openMaxDays: 1, closedCacheSize: 0 };
/** The fewest days of buckets: every bucket of the history is before the horizons, so every late event reads some back. */
const TIGHT_BUCKETS: HeldBucketsPolicy = { hourlyDays: 1, dailyDays: 1 };
/** A week after the history (realistic-history.ts starts on 2026-03-01): nothing in it is recent. */
const NOW = new Date('2026-03-15T12:00:00.000Z');
const SILENT = { warn: () => undefined, error: () => undefined };
const PERIOD = { from: Date.parse('2026-03-01T00:00:00.000Z'), to: Date.parse('2026-03-01T00:00:00.000Z') + 14 * DAY_MS };

/**
 * The history in a shuffled order, as validated events: late events for declarations the projector let go of come
 * after their release, and must bring them back from the read model.
 */
function shuffledHistory(): NormalizedEvent[] {
  const events = realisticHistory(20261206, 200).map(({ type, subject, data, envelope }) => validated(anEventOfType(type, subject, data, envelope)));
  return new SeededRandom(7).shuffled(events);
}

function heldSubjectsContract(name: string, openReadModel: () => Promise<{ readModel: () => Promise<KpiReadModel>; dispose: () => Promise<void> }>) {
  describe(`KpiProjector holding only hot subjects and buckets, on ${name}`, () => {
    let folder: string;
    let store: SqliteEventStore;
    let dispose: () => Promise<void>;
    let readModel: () => Promise<KpiReadModel>;
    let projector: KpiProjector;
    let reference: KpiEngine;
    let firstRun: ReturnType<KpiEngine['heldSubjects']>;

    beforeAll(async () => {
      folder = mkdtempSync(join(tmpdir(), 'kpi-held-subjects-'));
      store = SqliteEventStore.open({ file: join(folder, 'events.sqlite'), pollIntervalMs: 20 });
      ({ readModel, dispose } = await openReadModel());
      const events = shuffledHistory();
      const half = Math.floor(events.length * 0.6);
      const append = (slice: readonly NormalizedEvent[]) => store.appendMany(slice.map((event) => ({ stream: event.subject, events: [event] })));
      const project = async () => {
        const running = new KpiProjector({ source: store, readModel: await readModel(), onChanges: () => undefined, logger: SILENT, batchSize: 50, clock: { now: () => NOW }, heldSubjects: TIGHT, heldBuckets: TIGHT_BUCKETS, catchUpCommit: { maxEvents: 500, maxMs: 60_000 } });
        await running.start();
        await running.caughtUp;
        return running;
      };

      await append(events.slice(0, half));
      const first = await project();
      // Stopped first: the subjects are let go of after the commit that makes it caught up.
      await first.stop();
      firstRun = first.engine.heldSubjects();
      // A restart loads the hot subjects only; the rest of the history brings cold ones back.
      await append(events.slice(half));
      projector = await project();
      reference = await cleanRebuild(store);
    });

    afterAll(async () => {
      await projector.stop();
      await dispose();
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('lets closed declarations go, restarts with only the hot ones, and reads cold ones back for late events', () => {
      expect(firstRun.letGo).toBeGreaterThan(100);
      const { declarations, loads } = projector.engine.heldSubjects();
      expect(loads).toBeGreaterThan(20);
      expect(declarations).toBeLessThan(reference.heldSubjects().declarations / 2);
    });

    it('lets buckets go, restarts with only those after the horizons, and reads back those late events reach', () => {
      const { buckets, bucketsReadBack } = projector.engine.heldSubjects();
      expect(buckets).toBeLessThan(reference.heldSubjects().buckets / 10);
      expect(bucketsReadBack).toBeGreaterThan(100);
    });

    it('gives the KPIs an engine holding every subject and bucket gives, reading the buckets let go of from the read model', async () => {
      const slices = slicesUsed(reference);
      const { snapshot } = await (await readModel()).load();
      const stored: ColdBucketRows = ({ measure, granularity, slice, from, to }) =>
        snapshot!.buckets.filter((row) => row.measure === measure && row.granularity === granularity && row.slice === slice && Date.parse(row.start) >= from && Date.parse(row.start) < to);
      expect(fingerprint(projector.engine, slices, [NOW.toISOString()], stored)).toEqual(fingerprint(reference, slices, [NOW.toISOString()]));
      // The same through the read model's own range reads, as the API asks.
      for (const [kpiId, filters] of [['release_time_p90', { office: 'UZ-TAS' }], ['backlog', {}], ['collection_rate', {}]] as const) {
        const rows: BucketJson[][] = [];
        const series = await withColdBuckets(projector.cold, (read) => {
          if (read !== undefined) rows.push([...read]);
          return projector.engine.series(kpiId, 'hour', FROM, TO, filters, read);
        });
        expect(series).toEqual(reference.series(kpiId, 'hour', FROM, TO, filters));
        expect(rows.flat().length).toBeGreaterThan(0);
      }
    });

    it('stores what a clean rebuild holds, buckets let go of included', async () => {
      const { snapshot } = await (await readModel()).load();
      expect(canonical(KpiEngine.fromJSON(snapshot!).toJSON())).toEqual(canonical(reference.toJSON()));
    });

    it('reads the TRS population and a cold declaration from the read model', async () => {
      const cold = projector.cold!;
      const input = { period: PERIOD, filters: {}, position: 1 };
      const report = await trsReportOf(projector.engine, cold, input);
      expect(report.overall.n).toBeGreaterThan(100);
      expect(report).toEqual(await trsReportOf(reference, null, input));

      const coldOne = [...reference.heldDeclarations()].find(({ subject }) => projector.engine.declarationFacts(subject) === undefined)!;
      expect(await storedDeclarationFacts(projector.engine, cold, coldOne.subject)).toEqual(coldOne.facts);
    });
  });
}

heldSubjectsContract('SQLite', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'kpi-held-subjects-rm-'));
  const opened: KpiReadModel[] = [];
  return {
    readModel: async () => {
      const readModel = SqliteKpiReadModel.open({ file: join(folder, 'read-model.sqlite') });
      opened.push(readModel);
      return readModel;
    },
    dispose: async () => {
      for (const readModel of opened) await readModel.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
});

describeWithInfrastructure(`PostgreSQL at ${postgresUrl}`, await postgresAvailable(), 'KpiProjector holding hot subjects on PostgreSQL', () => {
  heldSubjectsContract('PostgreSQL', async () => {
    const schema = uniqueSchemaName('kpi_held');
    const opened: KpiReadModel[] = [];
    return {
      readModel: async () => {
        const readModel = await PostgresKpiReadModel.open({ connectionString: postgresUrl, schema });
        opened.push(readModel);
        return readModel;
      },
      dispose: async () => {
        for (const readModel of opened) await readModel.close();
        await dropSchemas([schema]);
      },
    };
  });
});

describe('KpiProjector holding only hot subjects, restarted long after the log was last written', () => {
  it('loads the subjects touched in the two hours before the last recordedAt, which the alert judge reads current values at', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kpi-held-recent-'));
    const recordedAt = '2026-03-04T12:00:00.000Z';
    const store = SqliteEventStore.open({ file: join(folder, 'events.sqlite'), clock: new TestClock(recordedAt) });
    const openReadModel = () => SqliteKpiReadModel.open({ file: join(folder, 'read-model.sqlite') });
    const projectUntilCaughtUp = async (readModel: KpiReadModel) => {
      const running = new KpiProjector({ source: store, readModel, onChanges: () => undefined, logger: SILENT, clock: { now: () => NOW }, heldSubjects: TIGHT });
      await running.start();
      await running.caughtUp;
      return running;
    };
    try {
      const events = shuffledHistory();
      await store.appendMany(events.map((event) => ({ stream: event.subject, events: [event] })));
      const first = openReadModel();
      await (await projectUntilCaughtUp(first)).stop();
      await first.close();

      const second = openReadModel();
      const restarted = await projectUntilCaughtUp(second);
      const held = new Set([...restarted.engine.heldDeclarations()].map(({ subject }) => subject));
      await restarted.stop();
      await second.close();

      const recentSince = Date.parse('2026-03-04T10:00:00.000Z');
      const touchedLast = new Map<string, number>();
      for (const event of events) touchedLast.set(event.subject, Math.max(touchedLast.get(event.subject) ?? 0, Date.parse(event.time)));
      const recent = [...touchedLast].filter(([subject, at]) => at >= recentSince && subject.startsWith('DEC')).map(([subject]) => subject);
      expect(recent.length).toBeGreaterThan(0);
      expect(recent.filter((subject) => !held.has(subject))).toEqual([]);
    } finally {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
