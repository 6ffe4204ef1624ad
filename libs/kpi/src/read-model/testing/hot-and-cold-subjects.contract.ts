import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';

import { DAY_MS, HOUR_MS } from '../../engine/bucket-time.js';
import { type KpiEngineSnapshot } from '../../engine/engine-snapshot.js';
import { type CaseStateJson, type DeclarationHotKeys, type DeclarationStateJson } from '../../engine/facts-json.js';
import { KpiEngine } from '../../engine/kpi-engine.js';
import { stored } from '../../engine/testing/stored-events.js';
import { type TrsFilters, type TrsRelease, matchesTrsFilters } from '../../engine/trs-release.js';
import { type ColdSubjects, type KpiReadModel } from '../read-model.port.js';

/** The newest event time the rows below hold (a case's), from which "open in the last days" counts. */
const NEWEST = Date.parse('2026-03-10T12:00:00.000Z');
const HOT = { openMaxDays: 7, recentSince: NEWEST - HOUR_MS };

/** Facts as an engine writes them; the read model stores them without looking inside. */
const engineRows = (() => {
  const engine = new KpiEngine();
  engine.apply(stored(anEvent.goodsArrived('D', { officeId: 'O1' }, { time: '2026-03-02T08:00:00.000Z' })));
  engine.apply(stored(anEvent.seizureRecorded('C', { officeId: 'O1' }, { time: '2026-03-02T08:00:00.000Z' })));
  return engine.drainDirty();
})();

function declaration(subject: string, hot?: DeclarationHotKeys): DeclarationStateJson {
  return { subject, facts: engineRows.declarations[0]!.facts, ...(hot === undefined ? {} : { hot }) };
}

function enforcementCase(subject: string, lastEventAt?: number): CaseStateJson {
  return { subject, facts: engineRows.cases[0]!.facts, ...(lastEventAt === undefined ? {} : { hot: { lastEventAt } }) };
}

/** A release of the TRS population, taking `hours`, at office O1 by road under IMPORT unless told otherwise. */
const trsOf = (hours: number, attributes: Partial<Omit<TrsRelease, 'releaseMs'>> = {}): TrsRelease => ({
  releaseMs: hours * HOUR_MS,
  office: 'O1',
  transportMode: 'ROAD',
  regime: 'IMPORT',
  ...attributes,
});

const unreleased = (lastEventAt: number): DeclarationHotKeys => ({ lastEventAt, open: true, releasedAt: null, trs: null });
const released = (releasedAt: number, lastEventAt = releasedAt, trs: TrsRelease | null = trsOf(4)): DeclarationHotKeys => ({
  lastEventAt,
  open: false,
  releasedAt,
  trs,
});

function rows(declarations: readonly DeclarationStateJson[], cases: readonly CaseStateJson[] = []): KpiEngineSnapshot {
  return { declarations, cases, buckets: engineRows.buckets, quality: engineRows.quality };
}

const subjectsOf = (states: readonly { readonly subject: string }[] | undefined): string[] => (states ?? []).map((state) => state.subject).sort();

async function allPages(cold: ColdSubjects, from: number, to: number, pageSize: number): Promise<DeclarationStateJson[][]> {
  const pages: DeclarationStateJson[][] = [];
  for await (const page of cold.releasedIn(from, to, pageSize)) pages.push([...page]);
  return pages;
}

async function longestPages(cold: ColdSubjects, from: number, to: number, filters: TrsFilters, pageSize: number): Promise<DeclarationStateJson[][]> {
  const pages: DeclarationStateJson[][] = [];
  for await (const page of cold.longestReleasedIn(from, to, filters, pageSize)) pages.push([...page]);
  return pages;
}

/** What `longestReleasedIn` must give of `written`: its TRS population of [from, to) under `filters`, longest first. */
function longestOf(written: readonly DeclarationStateJson[], from: number, to: number, filters: TrsFilters): DeclarationStateJson[] {
  const releaseOf = (row: DeclarationStateJson): TrsRelease => row.hot!.trs!;
  return written
    .filter(({ hot }) => hot !== undefined && hot.trs !== null && hot.releasedAt! >= from && hot.releasedAt! < to && matchesTrsFilters(hot.trs, filters))
    .sort((a, b) => releaseOf(b).releaseMs - releaseOf(a).releaseMs || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
}

/** Every combination of the filters, each given one taking each of `values`. */
function everyFilterCombination(values: { readonly [name in keyof TrsFilters]-?: readonly string[] }): TrsFilters[] {
  let combinations: TrsFilters[] = [{}];
  for (const name of Object.keys(values) as (keyof TrsFilters)[]) {
    combinations = combinations.flatMap((filters) => [filters, ...values[name].map((value) => ({ ...filters, [name]: value }))]);
  }
  return combinations;
}

/**
 * The hot keys a read model keeps beside each declaration and case, the hot selection of `load`, and the cold reads
 * (read-model.port.ts): part of {@link kpiReadModelContract}, for read models that keep subjects.
 */
export function hotAndColdSubjectsContract(openReadModel: () => Promise<KpiReadModel>): void {
  const coldOf = (readModel: KpiReadModel): ColdSubjects => {
    expect(readModel.cold).toBeDefined();
    return readModel.cold!;
  };

  describe('hot and cold subjects', () => {
    it('gives back each row with the hot keys it was committed with, and a row committed without them without', async () => {
      const readModel = await openReadModel();
      const written = rows(
        [declaration('D-open', unreleased(NEWEST)), declaration('D-released', released(NEWEST - DAY_MS, NEWEST)), declaration('D-legacy')],
        [enforcementCase('C-hot', NEWEST), enforcementCase('C-legacy')],
      );
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 3, dirty: written });

      const { snapshot } = await (await openReadModel()).load();

      const bySubject = <T extends { subject: string }>(states: readonly T[]): T[] => [...states].sort((a, b) => a.subject.localeCompare(b.subject));
      expect(bySubject(snapshot!.declarations)).toEqual(bySubject(written.declarations));
      expect(bySubject(snapshot!.cases)).toEqual(bySubject(written.cases));
      expect(snapshot!.declarations.find((row) => row.subject === 'D-legacy')).not.toHaveProperty('hot');
      expect(snapshot!.cases.find((row) => row.subject === 'C-legacy')).not.toHaveProperty('hot');
    });

    it('writes the hot keys over with the facts, and clears them when a row comes without', async () => {
      const readModel = await openReadModel();
      const before = rows([declaration('D1', unreleased(NEWEST - DAY_MS))], [enforcementCase('C1', NEWEST)]);
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 1, dirty: before });
      await readModel.commit({ expectedCheckpoint: 1, checkpoint: 2, dirty: rows([declaration('D1', released(NEWEST))], [enforcementCase('C1')]) });

      const { snapshot } = await readModel.load();

      expect(snapshot!.declarations).toEqual([declaration('D1', released(NEWEST))]);
      expect(snapshot!.cases).toEqual([enforcementCase('C1')]);
    });

    it('loads with a hot selection the open declarations and cases of the last days before the newest event, the recent ones and those without hot keys; every bucket', async () => {
      const readModel = await openReadModel();
      const openSince = NEWEST - HOT.openMaxDays * DAY_MS;
      await readModel.commit({
        expectedCheckpoint: 0,
        checkpoint: 9,
        dirty: rows(
          [
            declaration('D-open-recent', unreleased(NEWEST - 2 * DAY_MS)),
            declaration('D-open-at-the-edge', unreleased(openSince)),
            // Stale only when the newest time counts the cases' events too.
            declaration('D-open-just-stale', unreleased(openSince - 10 * 60_000)),
            declaration('D-open-stale', unreleased(NEWEST - 30 * DAY_MS)),
            declaration('D-closed', released(NEWEST - 2 * DAY_MS)),
            declaration('D-closed-recently', released(NEWEST - 2 * DAY_MS, HOT.recentSince)),
            declaration('D-legacy'),
          ],
          [
            enforcementCase('C-newest', NEWEST),
            enforcementCase('C-recent', openSince),
            enforcementCase('C-stale', openSince - 1),
            enforcementCase('C-legacy'),
          ],
        ),
      });

      const { checkpoint, snapshot } = await (await openReadModel()).load(HOT);

      expect(checkpoint).toBe(9);
      expect(subjectsOf(snapshot?.declarations)).toEqual(['D-closed-recently', 'D-legacy', 'D-open-at-the-edge', 'D-open-recent']);
      expect(subjectsOf(snapshot?.cases)).toEqual(['C-legacy', 'C-newest', 'C-recent']);
      const openRecent = snapshot!.declarations.find((row) => row.subject === 'D-open-recent');
      expect(openRecent).toEqual(declaration('D-open-recent', unreleased(NEWEST - 2 * DAY_MS)));
      expect(snapshot!.buckets).toHaveLength(engineRows.buckets.length);
      expect(snapshot!.quality).toEqual(engineRows.quality);
      expect(subjectsOf((await readModel.load()).snapshot?.declarations)).toHaveLength(7);
    });

    it('reads back the stored subjects asked for, with their hot keys, and leaves out those never stored', async () => {
      const readModel = await openReadModel();
      await readModel.commit({
        expectedCheckpoint: 0,
        checkpoint: 1,
        dirty: rows(
          [declaration('D1', released(NEWEST)), declaration('D2'), declaration('D3', unreleased(NEWEST))],
          [enforcementCase('C1', NEWEST), enforcementCase('C2')],
        ),
      });

      const found = await coldOf(await openReadModel()).subjects({ declarations: ['D2', 'D1', 'D-never'], cases: ['C1', 'C-never'] });

      expect(subjectsOf(found.declarations)).toEqual(['D1', 'D2']);
      expect(found.declarations.find((row) => row.subject === 'D1')).toEqual(declaration('D1', released(NEWEST)));
      expect(found.declarations.find((row) => row.subject === 'D2')).toEqual(declaration('D2'));
      expect(found.cases).toEqual([enforcementCase('C1', NEWEST)]);
      expect(await coldOf(readModel).subjects({ declarations: [], cases: [] })).toEqual({ declarations: [], cases: [] });
    });

    it('pages through the declarations released in [from, to) by release and subject, ties across a page included, then those without hot keys by subject', async () => {
      const from = NEWEST - 2 * DAY_MS;
      const to = NEWEST - DAY_MS;
      const readModel = await openReadModel();
      await readModel.commit({
        expectedCheckpoint: 0,
        checkpoint: 1,
        dirty: rows([
          declaration('D09', released(from)),
          declaration('D01', released(to - 1)),
          declaration('D05'),
          declaration('D02', released(to)),
          declaration('D07', released(from + HOUR_MS, NEWEST)),
          declaration('D03', released(from - 1)),
          declaration('D04', unreleased(from + HOUR_MS)),
          declaration('D08'),
          declaration('D06', released(from + 2 * HOUR_MS)),
          declaration('D11', released(from + 2 * HOUR_MS)),
          declaration('D10', released(from)),
        ]),
      });

      const pages = await allPages(coldOf(await openReadModel()), from, to, 2);

      expect(pages.map((page) => page.map((row) => row.subject))).toEqual([['D09', 'D10'], ['D07', 'D06'], ['D11', 'D01'], ['D05', 'D08']]);
      expect(pages.flat()[5]).toEqual(declaration('D01', released(to - 1)));
      expect(pages.flat()[6]).toEqual(declaration('D05'));
      const nextDay = await allPages(coldOf(readModel), to, to + DAY_MS, 2);
      expect(nextDay).toEqual([[declaration('D02', released(to))], [declaration('D05'), declaration('D08')]]);
    });

    it('pages through the TRS population released in [from, to) longest first, ties by subject in code-unit order across a page, under each filter', async () => {
      const from = NEWEST - 2 * DAY_MS;
      const to = NEWEST - DAY_MS;
      const written = [
        declaration('L01', released(from, NEWEST, trsOf(5))),
        declaration('L02', released(to - 1, NEWEST, trsOf(9, { office: 'O2', regime: 'EXPORT' }))),
        declaration('L03', released(to, NEWEST, trsOf(20))),
        declaration('L04', released(from - 1, NEWEST, trsOf(30))),
        declaration('L05', released(from + HOUR_MS, NEWEST, trsOf(9, { transportMode: 'RAIL' }))),
        declaration('L06', released(from + 2 * HOUR_MS, NEWEST, trsOf(9))),
        // Released, but out of the population (cancelled, or released before it arrived).
        declaration('L07', released(from + HOUR_MS, NEWEST, null)),
        declaration('L08', unreleased(from + HOUR_MS)),
        declaration('L09'),
        declaration('L10', released(from + 3 * HOUR_MS, NEWEST, trsOf(1, { office: null, regime: null }))),
        declaration('L11', released(from + 4 * HOUR_MS, NEWEST, trsOf(9, { office: 'O2', transportMode: 'SEA' }))),
        // Byte order puts upper case first; a language's collation would not.
        declaration('L-a', released(from + 5 * HOUR_MS, NEWEST, trsOf(3))),
        declaration('L-B', released(from + 5 * HOUR_MS, NEWEST, trsOf(3))),
      ];
      const readModel = await openReadModel();
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 1, dirty: rows(written) });
      const cold = coldOf(await openReadModel());

      const pages = await longestPages(cold, from, to, {}, 3);

      expect(pages.map((page) => page.map((row) => row.subject))).toEqual([['L02', 'L05', 'L06'], ['L11', 'L01', 'L-B'], ['L-a', 'L10']]);
      expect(pages.flat()).toEqual(longestOf(written, from, to, {}));
      expect((await longestPages(cold, from, to, { office: 'O1', transportMode: 'ROAD', regime: 'IMPORT' }, 2)).flat().map((row) => row.subject)).toEqual([
        'L06',
        'L01',
        'L-B',
        'L-a',
      ]);
      const combinations = everyFilterCombination({ office: ['O1', 'O2', 'O9'], transportMode: ['ROAD', 'SEA'], regime: ['IMPORT', 'EXPORT'] });
      for (const filters of combinations) {
        for (const pageSize of [2, 3]) {
          const read = await longestPages(cold, from, to, filters, pageSize);
          expect({ filters, pageSize, rows: read.flat() }).toEqual({ filters, pageSize, rows: longestOf(written, from, to, filters) });
          expect(read.every((page) => page.length > 0 && page.length <= pageSize)).toBe(true);
        }
      }
      expect((await longestPages(cold, to, to + DAY_MS, {}, 2)).flat()).toEqual([declaration('L03', released(to, NEWEST, trsOf(20)))]);
    });

    it('reads a declaration in the TRS population with the release its last commit wrote, and not once a commit takes it out', async () => {
      const from = NEWEST - DAY_MS;
      const readModel = await openReadModel();
      const first = [declaration('D1', released(from, NEWEST, trsOf(5))), declaration('D2', released(from, NEWEST, trsOf(7)))];
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 1, dirty: rows(first) });
      const corrected = declaration('D1', released(from + HOUR_MS, NEWEST, trsOf(8, { office: 'O2', transportMode: 'AIR', regime: 'EXPORT' })));
      await readModel.commit({ expectedCheckpoint: 1, checkpoint: 2, dirty: rows([corrected, declaration('D2', released(from, NEWEST, null))]) });

      const cold = coldOf(await openReadModel());

      expect((await longestPages(cold, from, NEWEST, {}, 1)).flat()).toEqual([corrected]);
      expect((await longestPages(cold, from, NEWEST, { office: 'O2', transportMode: 'AIR', regime: 'EXPORT' }, 1)).flat()).toEqual([corrected]);
      expect(await longestPages(cold, from, NEWEST, { office: 'O1' }, 1)).toEqual([]);
      expect((await cold.subjects({ declarations: ['D1', 'D2'], cases: [] })).declarations).toEqual([corrected, declaration('D2', released(from, NEWEST, null))]);
    });

    it('lets a commit through between two pages of released declarations', async () => {
      const readModel = await openReadModel();
      await readModel.commit({
        expectedCheckpoint: 0,
        checkpoint: 1,
        dirty: rows(['D1', 'D2', 'D3', 'D4'].map((subject) => declaration(subject, released(NEWEST)))),
      });
      const pages = coldOf(readModel).releasedIn(NEWEST, NEWEST + 1, 2)[Symbol.asyncIterator]();
      const first = await pages.next();

      await readModel.commit({ expectedCheckpoint: 1, checkpoint: 2, dirty: rows([declaration('D4', unreleased(NEWEST))]) });
      const rest: string[] = [];
      for (let page = await pages.next(); page.done !== true; page = await pages.next()) rest.push(...page.value.map((row) => row.subject));

      expect(subjectsOf(first.value)).toEqual(['D1', 'D2']);
      expect(rest).toEqual(['D3']);
    });
  });
}
