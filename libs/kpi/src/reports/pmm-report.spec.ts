import { describe, expect, it } from '@jest/globals';
import { KPI_CATALOGUE, KPI_DIMENSIONS, type KpiDefinition } from '@customs-pulse/domain';
import { anEventOfType, realisticHistory, SeededRandom } from '@customs-pulse/testing';

import { type SeriesPoint } from '../engine/kpi-queries.js';
import { type KpiValue } from '../engine/kpi-readers.js';
import { type KpiFilters } from '../engine/slices.js';
import { KpiEngine } from '../engine/kpi-engine.js';
import { boundedBucketsEngineOf } from '../engine/testing/bounded-buckets-engine.js';
import { HISTORY, FROM as HISTORY_FROM, TO as HISTORY_TO } from '../engine/testing/determinism-fixtures.js';
import { engineGiven } from '../engine/testing/stored-events.js';
import { type ColdBuckets } from '../read-model/read-model.port.js';
import { DAY_MS } from '../engine/bucket-time.js';
import { pmmReport } from './pmm-report.js';

/** The days the realistic histories can touch: 1 to 4 March 2026, with a day of margin on each side. */
const FIRST_DAY = Date.parse('2026-02-28T00:00:00.000Z');
const DAYS = 8;
const SEEDS = [11, 2026, 90210, 424242];

function engineOf(seed: number): KpiEngine {
  return engineGiven(realisticHistory(seed, 120).map(({ type, subject, data, envelope }) => anEventOfType(type, subject, data, envelope)));
}

const sum = (points: readonly KpiValue[], field: (point: KpiValue) => number): number => points.reduce((total, point) => total + field(point), 0);

/** Whether a and b agree within floating-point rounding of sums of a few hundred terms. */
function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * The value a KPI must have over the whole period, merged from its day series alone (and, for the collection rate,
 * the series of the two sums it divides): what can be told from the series without reading a bucket. `undefined`
 * where the series' values do not determine it (a percentile, a ratio of shares), which are bounded instead.
 */
function mergedFromSeries(kpi: KpiDefinition, points: readonly SeriesPoint[], seriesOf: (id: 'duties_assessed' | 'duties_collected') => SeriesPoint[]): number | null | undefined {
  const n = sum(points, (point) => point.n);
  switch (kpi.aggregation) {
    case 'sum':
    case 'count':
      return sum(points, (point) => point.value ?? 0);
    case 'backlog':
      return points.at(-1)?.value ?? 0;
    case 'mean':
    case 'share':
      return n === 0 ? null : sum(points, (point) => (point.value ?? 0) * point.n) / n;
    case 'ratio_of_sums': {
      if (kpi.id !== 'collection_rate') return undefined;
      const assessed = sum(seriesOf('duties_assessed'), (point) => point.value ?? 0);
      return assessed === 0 ? null : sum(seriesOf('duties_collected'), (point) => point.value ?? 0) / assessed;
    }
    default:
      return undefined;
  }
}

describe('the PMM report (property: each KPI equals its day series merged over the period)', () => {
  it.each(SEEDS)('holds for seeded random history %i over random periods, in total and per office', async (seed) => {
    const engine = engineOf(seed);
    const random = new SeededRandom(seed);
    // four random periods, and a week before the history, where no office has observed anything
    const periods = [...Array.from({ length: 4 }, () => random.between(0, DAYS - 1)).map((fromDay) => [fromDay, random.between(fromDay + 1, DAYS)] as const), [-7, -6] as const];
    for (const [fromDay, toDay] of periods) {
      const from = FIRST_DAY + fromDay * DAY_MS;
      const to = FIRST_DAY + toDay * DAY_MS;
      const report = await pmmReport(engine, null, { period: { from, to }, position: 7 });
      const series = (id: KpiDefinition['id'], filters: KpiFilters) => engine.series(id, 'day', new Date(from).toISOString(), new Date(to).toISOString(), filters);

      expect(report.dimensions.map(({ dimension }) => dimension)).toEqual([...KPI_DIMENSIONS]);
      const kpis = report.dimensions.flatMap(({ dimension, kpis: entries }) => entries.map((entry) => ({ dimension, ...entry })));
      expect(kpis.map(({ kpiId }) => kpiId)).toEqual(KPI_CATALOGUE.map(({ id }) => id));

      const offices = kpis[0]!.offices.map(({ office }) => office);
      // an office is listed when some KPI observed something there over the period, and only then
      for (const office of engine.offices()) {
        const observed = KPI_CATALOGUE.some(({ id }) => (id === 'backlog' ? (series(id, { office }).at(-1)?.n ?? 0) : sum(series(id, { office }), (point) => point.n)) > 0);
        expect({ office, listed: offices.includes(office) }).toEqual({ office, listed: observed });
      }

      for (const entry of kpis) {
        const kpi = KPI_CATALOGUE.find(({ id }) => id === entry.kpiId)!;
        expect(entry).toMatchObject({ dimension: kpi.dimension, name: kpi.name, unit: kpi.unit, direction: kpi.direction });
        expect(entry.offices.map(({ office }) => office)).toEqual(offices);
        const scopes: [KpiFilters, KpiValue][] = [[{}, entry.total], ...entry.offices.map(({ office, value, n }): [KpiFilters, KpiValue] => [{ office }, { value, n }])];
        for (const [filters, reported] of scopes) {
          const points = series(kpi.id, filters);
          const label = `${kpi.id} ${JSON.stringify(filters)} [${fromDay}, ${toDay})`;
          const n = kpi.aggregation === 'backlog' ? (points.at(-1)?.n ?? 0) : sum(points, (point) => point.n);
          expect({ label, n: reported.n }).toEqual({ label, n });
          const expected = mergedFromSeries(kpi, points, (id) => series(id, filters));
          if (expected !== undefined) {
            expect({ label, close: close(reported.value, expected), reported: reported.value, expected }).toMatchObject({ label, close: true });
            continue;
          }
          // A percentile over the period, and a weighted mean of daily ratios, lies between the days' values (within
          // the sketch's 1%); a ratio of shares only has its n to check.
          const daily = points.flatMap((point) => (point.value === null ? [] : [point.value]));
          if (kpi.aggregation === 'ratio_of_shares') continue;
          expect({ label, isNull: reported.value === null }).toEqual({ label, isNull: daily.length === 0 });
          if (reported.value === null) continue;
          expect(reported.value).toBeGreaterThanOrEqual(Math.min(...daily) * 0.99);
          expect(reported.value).toBeLessThanOrEqual(Math.max(...daily) * 1.01);
        }
      }
    }
  });

  it('states its period and position, and asOf only when asked', async () => {
    const engine = engineOf(1);
    const period = { from: FIRST_DAY, to: FIRST_DAY + DAY_MS };
    expect(await pmmReport(engine, null, { period, position: 3 })).toMatchObject({ period: { from: '2026-02-28T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' }, position: 3 });
    expect(await pmmReport(engine, null, { period, position: 3 })).not.toHaveProperty('asOf');
    expect((await pmmReport(engine, null, { period, position: 3, asOf: '2026-03-02T00:00:00.000Z' })).asOf).toBe('2026-03-02T00:00:00.000Z');
  });

  it('reads each line a bounded engine let go of once, for all the KPIs of its measure, and answers as an engine holding everything', async () => {
    const reference = new KpiEngine();
    reference.applyAll(HISTORY);
    const { engine, committed } = boundedBucketsEngineOf(HISTORY, new SeededRandom(8));
    const reads: string[] = [];
    const cold: ColdBuckets = {
      bucketsNamed: async (keys) => committed.bucketsNamed(keys),
      bucketsBetween: async (line, from, to) => {
        reads.push(JSON.stringify([line, from, to]));
        return [...committed.bucketsBetween({ ...line, from, to })];
      },
    };
    const period = { from: Date.parse(HISTORY_FROM), to: Date.parse(HISTORY_TO) };

    const report = await pmmReport(engine, cold, { period, position: 9 });
    expect(report).toEqual(await pmmReport(reference, null, { period, position: 9 }));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.length).toBe(new Set(reads).size);
  });
});
