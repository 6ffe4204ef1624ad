import { describe, expect, it } from '@jest/globals';
import { anEvent, anEventOfType, realisticHistory } from '@customs-pulse/testing';

import { bucketKey } from '../../engine/bucket-key.js';
import { DAY_MS, HOUR_MS } from '../../engine/bucket-time.js';
import { type BucketJson } from '../../engine/buckets.js';
import { type BucketHorizonsJson, type KpiEngineSnapshot } from '../../engine/engine-snapshot.js';
import { type DeclarationStateJson } from '../../engine/facts-json.js';
import { KpiEngine } from '../../engine/kpi-engine.js';
import { stored } from '../../engine/testing/stored-events.js';
import { type TrsFilters } from '../../engine/trs-release.js';
import { canonical } from '../../projection/testing/stored-history.js';
import { type ColdState, type HotSelection, type KpiReadModel, type KpiReadModelHistory, type KpiReadModelState } from '../read-model.port.js';

/** Every declaration open within a week of the newest event; none by recency. */
const HOT: HotSelection = { openMaxDays: 7, recentSince: Number.MAX_SAFE_INTEGER };

/** What a read model answers at one moment: a hot load, and cold reads of every subject, bucket and release. */
interface Answers {
  readonly load: KpiReadModelState;
  readonly declarations: readonly DeclarationStateJson[];
  readonly buckets: readonly BucketJson[];
  readonly line: readonly BucketJson[];
  readonly released: readonly DeclarationStateJson[];
  /** The TRS population longest first, in pages of 7: all of it, and one office's. */
  readonly longest: readonly DeclarationStateJson[];
  readonly longestAtOffice: readonly DeclarationStateJson[];
}

const keyOf = (bucket: BucketJson): string => bucketKey({ ...bucket, start: Date.parse(bucket.start) });
const bySubject = <T extends { readonly subject: string }>(rows: readonly T[]): T[] => [...rows].sort((a, b) => (a.subject < b.subject ? -1 : 1));
const byKey = (rows: readonly BucketJson[]): BucketJson[] => [...rows].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));

/**
 * A realistic history in four commits, each a drain of the same engine, so that later commits write over rows of
 * earlier ones (a declaration's later events, the same hour's and day's buckets). Commits 1, 2 and 4 close epochs
 * 1, 2 and 3; 2 and 4 move the bucket horizons.
 */
function commitsOfHistory(): { dirty: KpiEngineSnapshot; closes: string | null }[] {
  const events = realisticHistory(11, 240).map(({ type, subject, data, envelope }) => stored(anEventOfType(type, subject, data, envelope)));
  const engine = new KpiEngine();
  const quarter = Math.ceil(events.length / 4);
  const parts = [0, 1, 2, 3].map((part) => events.slice(part * quarter, (part + 1) * quarter));
  const times = events.map((event) => Date.parse(event.time)).sort((a, b) => a - b);
  const dayAt = (share: number): number => Math.floor(times[Math.floor(times.length * share)]! / DAY_MS) * DAY_MS;
  const horizons = (share: number, backlog: number): BucketHorizonsJson => ({ hour: dayAt(share) + 3_600_000, day: dayAt(share), backlogBefore: { '': backlog }, slices: [] });
  return parts.map((part, index) => {
    engine.applyAll(part);
    const dirty = engine.drainDirty();
    const moved = index === 1 ? horizons(0.3, 5) : index === 3 ? horizons(0.6, 9) : undefined;
    return {
      dirty: moved === undefined ? dirty : { ...dirty, bucketHorizons: moved },
      closes: index === 2 ? null : `2026-06-0${index + 1}T12:00:00.000Z`,
    };
  });
}

/** Every row `longestReleasedIn` gives over all time, in the order given. */
async function longestOf(cold: ColdState, filters: TrsFilters, pageSize: number): Promise<DeclarationStateJson[]> {
  const rows: DeclarationStateJson[] = [];
  for await (const page of cold.longestReleasedIn(0, Number.MAX_SAFE_INTEGER, filters, pageSize)) rows.push(...page);
  return rows;
}

async function answersOf(
  load: () => Promise<KpiReadModelState>,
  cold: ColdState,
  subjects: readonly string[],
  keys: readonly string[],
  line: BucketJson,
  office: string,
): Promise<Answers> {
  const released: DeclarationStateJson[] = [];
  for await (const page of cold.releasedIn(0, Number.MAX_SAFE_INTEGER, 7)) released.push(...page);
  const state = await load();
  return {
    load: { checkpoint: state.checkpoint, snapshot: state.snapshot === null ? null : { ...canonical(state.snapshot), ...(state.snapshot.bucketHorizons ? { bucketHorizons: state.snapshot.bucketHorizons } : {}) } },
    declarations: bySubject((await cold.subjects({ declarations: subjects, cases: [] })).declarations),
    buckets: byKey(await cold.bucketsNamed(keys)),
    // One key per hour is looked up: a month each side of the line's first bucket, not all time.
    line: await cold.bucketsBetween(line, Date.parse(line.start) - 30 * DAY_MS, Date.parse(line.start) + 30 * DAY_MS),
    released: bySubject(released),
    longest: await longestOf(cold, {}, 7),
    longestAtOffice: await longestOf(cold, { office }, 7),
  };
}

/** Facts as an engine writes them; the read model stores them without looking inside. */
const SOME_FACTS = (() => {
  const engine = new KpiEngine();
  engine.apply(stored(anEvent.goodsArrived('D', { officeId: 'O1' }, { time: '2026-03-02T08:00:00.000Z' })));
  return engine.drainDirty().declarations[0]!.facts;
})();

/** A declaration released at `releasedAt`, in the TRS population with a release of `hours` at `office`, or out of it. */
function releasedRow(subject: string, trs: { hours: number; office: string } | null, releasedAt = Date.parse('2026-03-02T10:00:00.000Z')): DeclarationStateJson {
  const release = trs === null ? null : { releaseMs: trs.hours * HOUR_MS, office: trs.office, transportMode: 'ROAD', regime: 'IMPORT' };
  return { subject, facts: SOME_FACTS, hot: { lastEventAt: releasedAt, open: false, releasedAt, trs: release } };
}

/**
 * The read model's history (read-model.port.ts, KpiReadModelHistory): the state at the end of each closed epoch, as a
 * hot load and as cold reads, whatever later commits wrote over. Part of {@link kpiReadModelContract}, for read models
 * that keep subjects.
 */
export function readModelHistoryContract(openReadModel: () => Promise<KpiReadModel>): void {
  const historyOf = (readModel: KpiReadModel): KpiReadModelHistory => {
    expect(readModel.history).toBeDefined();
    return readModel.history!;
  };

  describe('history', () => {
    it('answers, as of each closed epoch, what the read model answered right after the commit that closed it', async () => {
      const readModel = await openReadModel();
      const commits = commitsOfHistory();
      const subjects = [...new Set(commits.flatMap(({ dirty }) => dirty.declarations.map((row) => row.subject)))];
      const keys = [...new Set(commits.flatMap(({ dirty }) => dirty.buckets.map(keyOf)))];
      // A line that later commits write over: the all-offices hourly lodgements.
      const line = commits[0]!.dirty.buckets.find((bucket) => bucket.measure === 'lodgement' && bucket.granularity === 'hour' && bucket.slice === '')!;
      expect(line).toBeDefined();

      // An office of the TRS population, for its longest releases.
      const office = commits[0]!.dirty.declarations.find((row) => row.hot?.trs?.office != null)!.hot!.trs!.office!;

      const atClose: Answers[] = [];
      let checkpoint = 0;
      for (const { dirty, closes } of commits) {
        await readModel.commit({ expectedCheckpoint: checkpoint, checkpoint: checkpoint + 100, dirty, ...(closes === null ? {} : { closesEpoch: { lastRecordedAt: closes } }) });
        checkpoint += 100;
        if (closes !== null) atClose.push(await answersOf(() => readModel.load(HOT), readModel.cold!, subjects, keys, line, office));
      }
      // Each epoch's state differs from the last one's: the comparison below could not pass by accident.
      expect(atClose[0]).not.toEqual(atClose[2]);
      expect(atClose[1]!.load.snapshot!.bucketHorizons).not.toEqual(atClose[2]!.load.snapshot!.bucketHorizons);
      expect(atClose[0]!.longestAtOffice).not.toEqual(atClose[2]!.longestAtOffice);

      const history = historyOf(await openReadModel());
      for (const [index, expected] of atClose.entries()) {
        const epoch = index + 1;
        const asOf = await answersOf(() => history.loadAsOf(epoch, HOT), history.coldAsOf(epoch), subjects, keys, line, office);
        // Field by field, each named: a whole-state diff would be too large to read.
        for (const field of Object.keys(expected) as (keyof Answers)[]) expect({ epoch, field, answer: asOf[field] }).toEqual({ epoch, field, answer: expected[field] });
      }
    });

    const narrowedRun = async (slices: readonly string[] | undefined): Promise<{ expected: KpiReadModelState; asOf: KpiReadModelState }> => {
      const readModel = await openReadModel();
      let checkpoint = 0;
      let expected: KpiReadModelState | null = null;
      // The second commit's day horizon two days before its hour horizon's day, as DAILY_BUCKETS_DAYS keeps more days.
      const [first, second] = commitsOfHistory();
      const { slices: _named, ...held } = second!.dirty.bucketHorizons!;
      const horizons = { ...held, day: held.day - 2 * DAY_MS, ...(slices === undefined ? {} : { slices }) };
      for (const { dirty, closes } of [first!, { ...second!, dirty: { ...second!.dirty, bucketHorizons: horizons } }]) {
        await readModel.commit({ expectedCheckpoint: checkpoint, checkpoint: checkpoint + 100, dirty, ...(closes === null ? {} : { closesEpoch: { lastRecordedAt: closes } }) });
        checkpoint += 100;
        // Horizons without slices do not load live (written-before.ts): what a load would give, read as of the epoch.
        expected = await historyOf(readModel).loadAsOf(checkpoint / 100, HOT);
      }
      return { expected: expected!, asOf: await historyOf(readModel).loadAsOf(2, HOT, { dailyFromHourHorizon: true }) };
    };

    it('leaves out, when asked, the daily buckets before the day of the hour horizon, and moves the day horizon there', async () => {
      const { expected, asOf } = await narrowedRun(['office=A']);
      const horizons = expected.snapshot!.bucketHorizons!;
      const day = Math.floor(horizons.hour / DAY_MS) * DAY_MS;
      expect(day).toBeGreaterThan(horizons.day);
      const kept = expected.snapshot!.buckets.filter((bucket) => bucket.granularity === 'hour' || Date.parse(bucket.start) >= day);
      expect(kept.length).toBeLessThan(expected.snapshot!.buckets.length);
      expect(asOf.checkpoint).toBe(200);
      expect(asOf.snapshot!.bucketHorizons).toEqual({ ...horizons, day });
      expect(byKey(asOf.snapshot!.buckets)).toEqual(byKey(kept));
      expect(bySubject(asOf.snapshot!.declarations)).toEqual(bySubject(expected.snapshot!.declarations));
    });

    it('keeps every daily bucket of horizons that do not name their slices: the offices of those left out would be lost', async () => {
      const { expected, asOf } = await narrowedRun(undefined);
      expect(byKey(asOf.snapshot!.buckets)).toEqual(byKey(expected.snapshot!.buckets));
      expect(asOf.snapshot!.bucketHorizons).toEqual(expected.snapshot!.bucketHorizons);
    });

    it('pages the TRS population as of an epoch through the versions of the declarations written over since', async () => {
      // The history above rewrites no declaration once released: the versions' pages are read here.
      const engine = new KpiEngine();
      const at = (time: string) => ({ time: `2026-03-02T${time}:00.000Z` });
      engine.apply(stored(anEvent.goodsArrived('D1', { officeId: 'O1' }, at('08:00'))));
      engine.apply(stored(anEvent.declarationLodged('D1', { officeId: 'O1' }, at('09:00'))));
      engine.apply(stored(anEvent.goodsReleased('D1', {}, at('10:00'))));
      engine.apply(stored(anEvent.goodsArrived('D2', { officeId: 'O1' }, at('08:00'))));
      const dirty = engine.drainDirty();
      const [released, arrived] = bySubject(dirty.declarations);
      // D2 as stored before hot keys existed: in every population, until a later epoch writes it with its keys.
      const withoutHotKeys = { subject: arrived!.subject, facts: arrived!.facts };
      const rewritten = { ...released!, hot: { ...released!.hot!, lastEventAt: released!.hot!.lastEventAt + 3_600_000 } };
      const readModel = await openReadModel();
      const closes = (lastRecordedAt: string) => ({ closesEpoch: { lastRecordedAt } });
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 4, dirty: { ...dirty, declarations: [released!, withoutHotKeys] }, ...closes('2026-03-02T10:00:00.000Z') });
      await readModel.commit({ expectedCheckpoint: 4, checkpoint: 5, dirty: { ...dirty, declarations: [rewritten, arrived!] }, ...closes('2026-03-02T11:00:00.000Z') });

      const population = async (cold: ColdState): Promise<DeclarationStateJson[]> => {
        const rows: DeclarationStateJson[] = [];
        for await (const page of cold.releasedIn(0, Number.MAX_SAFE_INTEGER, 1)) rows.push(...page);
        return bySubject(rows);
      };
      const history = historyOf(readModel);
      expect(await population(history.coldAsOf(1))).toEqual([released, withoutHotKeys]);
      expect(await population(history.coldAsOf(2))).toEqual([rewritten]);
    });

    it('gives each declaration of a population as of an epoch once, when the projector writes it over between two pages', async () => {
      const engine = new KpiEngine();
      const at = (time: string) => ({ time: `2026-03-02T${time}:00.000Z` });
      for (const [subject, released] of [['D1', '10:00'], ['D2', '11:00']] as const) {
        engine.apply(stored(anEvent.goodsArrived(subject, { officeId: 'O1' }, at('08:00'))));
        engine.apply(stored(anEvent.goodsReleased(subject, {}, at(released))));
      }
      const dirty = engine.drainDirty();
      const readModel = await openReadModel();
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 4, dirty, closesEpoch: { lastRecordedAt: '2026-03-02T11:00:00.000Z' } });
      const [first] = bySubject(dirty.declarations);
      const rewritten = { ...first!, hot: { ...first!.hot!, lastEventAt: first!.hot!.lastEventAt + 1 } };

      const pages = historyOf(readModel).coldAsOf(1).releasedIn(0, Number.MAX_SAFE_INTEGER, 1)[Symbol.asyncIterator]();
      const read = [(await pages.next()).value as readonly DeclarationStateJson[]];
      // D1, read from the rows, moves into its versions before the next page.
      await readModel.commit({ expectedCheckpoint: 4, checkpoint: 5, dirty: { ...dirty, declarations: [rewritten] } });
      for (let page = await pages.next(); page.done !== true; page = await pages.next()) read.push(page.value);

      expect(bySubject(read.flat())).toEqual(bySubject(dirty.declarations));
    });

    it('reads the longest releases as of each closed epoch in order, the rows merged with the versions of declarations written over since', async () => {
      const readModel = await openReadModel();
      const o1 = (hours: number) => ({ hours, office: 'O1' });
      const o2 = (hours: number) => ({ hours, office: 'O2' });
      const commits: { declarations: DeclarationStateJson[]; closes: string | null }[] = [
        {
          declarations: ['A', 'B', 'C', 'D', 'E', 'H', 'I'].map((subject, index) => releasedRow(subject, [o1(5), o1(9), o2(2), o2(7), o1(7), o1(6), o2(8)][index]!)),
          closes: '2026-03-02T11:00:00.000Z',
        },
        // A lengthens and moves office, B leaves the population, D is written again as it was, F joins.
        {
          declarations: [releasedRow('A', o2(12)), releasedRow('B', null), releasedRow('D', o2(7), Date.parse('2026-03-02T10:30:00.000Z')), releasedRow('F', o1(4))],
          closes: '2026-03-02T12:00:00.000Z',
        },
        { declarations: [releasedRow('C', o1(1))], closes: null },
        { declarations: [releasedRow('E', o1(3)), releasedRow('G', o1(7))], closes: '2026-03-02T13:00:00.000Z' },
        // After the last epoch: each epoch's rows are in the versions only.
        { declarations: [releasedRow('A', null), releasedRow('D', o2(20)), releasedRow('G', o1(1)), releasedRow('H', o2(6))], closes: null },
      ];
      const questions: { filters: TrsFilters; pageSize: number }[] = [
        { filters: {}, pageSize: 1 },
        { filters: {}, pageSize: 2 },
        { filters: { office: 'O1' }, pageSize: 2 },
        { filters: { office: 'O2', regime: 'IMPORT' }, pageSize: 3 },
      ];
      const empty = new KpiEngine().drainDirty();

      const atClose: DeclarationStateJson[][][] = [];
      for (const [index, { declarations, closes }] of commits.entries()) {
        await readModel.commit({
          expectedCheckpoint: index,
          checkpoint: index + 1,
          dirty: { ...empty, declarations },
          ...(closes === null ? {} : { closesEpoch: { lastRecordedAt: closes } }),
        });
        if (closes !== null) atClose.push(await Promise.all(questions.map(({ filters, pageSize }) => longestOf(readModel.cold!, filters, pageSize))));
      }
      expect(atClose[0]![0]!.map((row) => row.subject)).toEqual(['B', 'I', 'D', 'E', 'H', 'A', 'C']);
      expect(atClose[2]![0]!.map((row) => row.subject)).toEqual(['A', 'I', 'D', 'G', 'H', 'F', 'E', 'C']);

      const history = historyOf(await openReadModel());
      for (const [index, answers] of atClose.entries()) {
        const epoch = index + 1;
        for (const [question, expected] of answers.entries()) {
          const { filters, pageSize } = questions[question]!;
          expect({ epoch, filters, pageSize, rows: await longestOf(history.coldAsOf(epoch), filters, pageSize) }).toEqual({ epoch, filters, pageSize, rows: expected });
        }
      }
    });

    it('gives each of the longest releases as of an epoch once and in order, when the projector writes them over between two pages', async () => {
      const readModel = await openReadModel();
      const empty = new KpiEngine().drainDirty();
      const asStored = ['A', 'B', 'C', 'D'].map((subject, index) => releasedRow(subject, { hours: 9 - index, office: 'O1' }));
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 1, dirty: { ...empty, declarations: asStored }, closesEpoch: { lastRecordedAt: '2026-03-02T11:00:00.000Z' } });

      const pages = historyOf(readModel).coldAsOf(1).longestReleasedIn(0, Number.MAX_SAFE_INTEGER, {}, 1)[Symbol.asyncIterator]();
      const read = [...((await pages.next()).value as readonly DeclarationStateJson[])];
      // B, C and D, not read yet, move into their versions before the next page: C ahead of A, D out, B behind D.
      const rewritten = [releasedRow('B', { hours: 1, office: 'O1' }), releasedRow('C', { hours: 10, office: 'O1' }), releasedRow('D', null)];
      await readModel.commit({ expectedCheckpoint: 1, checkpoint: 2, dirty: { ...empty, declarations: rewritten } });
      for (let page = await pages.next(); page.done !== true; page = await pages.next()) read.push(...page.value);

      expect(read).toEqual(asStored);
    });

    it('names the last epoch closed at or before a time, by the recordedAt of its last event', async () => {
      const readModel = await openReadModel();
      const history = historyOf(readModel);
      const dirty = new KpiEngine().drainDirty();
      expect(await history.epochAsOf(Date.parse('2030-01-01T00:00:00.000Z'))).toBeNull();

      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 7, dirty, closesEpoch: { lastRecordedAt: '2026-06-01T12:00:00.000Z' } });
      await readModel.commit({ expectedCheckpoint: 7, checkpoint: 9, dirty });
      await readModel.commit({ expectedCheckpoint: 9, checkpoint: 12, dirty, closesEpoch: { lastRecordedAt: '2026-06-02T12:00:00.000Z' } });

      expect(await history.epochAsOf(Date.parse('2026-06-01T11:59:59.999Z'))).toBeNull();
      expect(await history.epochAsOf(Date.parse('2026-06-01T12:00:00.000Z'))).toEqual({ epoch: 1, position: 7, lastRecordedAt: Date.parse('2026-06-01T12:00:00.000Z') });
      expect(await history.epochAsOf(Date.parse('2026-06-02T11:00:00.000Z'))).toMatchObject({ epoch: 1 });
      expect(await history.epochAsOf(Date.parse('2026-07-01T00:00:00.000Z'))).toEqual({ epoch: 2, position: 12, lastRecordedAt: Date.parse('2026-06-02T12:00:00.000Z') });
    });

    it('refuses an epoch never closed', async () => {
      const history = historyOf(await openReadModel());
      await expect(history.loadAsOf(1, HOT)).rejects.toThrow(/never closed epoch 1/);
    });
  });
}
