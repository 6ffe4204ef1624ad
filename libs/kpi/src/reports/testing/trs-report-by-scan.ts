import { expect } from '@jest/globals';

import { DAY_MS, HOUR_MS, bucketStart } from '../../engine/bucket-time.js';
import { type DeclarationFacts, finalLaneOf } from '../../engine/declaration-facts.js';
import { RELEASE_TIME_BIN_HOURS, SEGMENT_NAMES } from '../../engine/trs-measures.js';
import { matchesTrsFilters, trsReleaseOf } from '../../engine/trs-release.js';
import { relativeError } from '../../engine/testing/stored-events.js';
import { neighbouringSegments } from '../../declarations/trs-segments.js';
import { nearestRank } from '../../sketch/nearest-rank.js';
import { type ReportPeriod } from '../report-period.js';
import { type TrsBreakdown, type TrsFilters, type TrsReport } from '../trs-report.js';

/**
 * The TRS report as an independent reference computes it (the report's own code before its daily aggregates): a scan
 * of every declaration's facts, each percentile exact from the sorted observations. A test checks the report against
 * it with {@link expectSameTrsReport}.
 */
export function trsReportByScan(
  declarations: Iterable<{ readonly subject: string; readonly facts: Readonly<DeclarationFacts> }>,
  period: ReportPeriod,
  filters: TrsFilters,
  releaseTargetHours: number,
): Omit<TrsReport, 'period' | 'filters' | 'position' | 'asOf'> {
  const all: number[] = [];
  const segments = new Map<string, number[]>();
  const breakdowns = new Map<TrsBreakdown, Map<string | boolean, number[]>>();
  const trend = new Map<number, number[]>();
  const outliers: { subject: string; ms: number; office: string | null; finalLane: string | null; transportMode: string | null }[] = [];
  const push = <K>(map: Map<K, number[]>, key: K, ms: number): void => void (map.get(key) ?? map.set(key, []).get(key)!).push(ms);
  for (const { subject, facts } of declarations) {
    const release = trsReleaseOf(facts);
    const releasedAt = facts.released?.at ?? Number.NaN;
    if (release === null || releasedAt < period.from || releasedAt >= period.to || !matchesTrsFilters(release, filters)) continue;
    const ms = release.releaseMs;
    all.push(ms);
    for (const segment of neighbouringSegments(facts)) push(segments, `${segment.from}>${segment.to}`, Math.round(segment.hours * HOUR_MS));
    const keys: Record<TrsBreakdown, string | boolean | null> = {
      finalLane: finalLaneOf(facts),
      transportMode: release.transportMode,
      regime: release.regime,
      office: release.office,
      aeo: facts.lodged?.aeo ?? null,
      preArrival: facts.lodged?.preArrival ?? null,
    };
    for (const [name, key] of Object.entries(keys) as [TrsBreakdown, string | boolean | null][]) {
      if (key !== null) push(breakdowns.get(name) ?? breakdowns.set(name, new Map()).get(name)!, key, ms);
    }
    push(trend, bucketStart(releasedAt, 'day'), ms);
    outliers.push({ subject, ms, office: release.office, finalLane: keys.finalLane as string | null, transportMode: release.transportMode });
  }
  const summary = (values: readonly number[] = []) => {
    const sorted = Float64Array.from(values).sort();
    const n = sorted.length;
    const at = (p: number): number | null => (n === 0 ? null : sorted[nearestRank(p, n) - 1]! / HOUR_MS);
    return { n, mean: n === 0 ? null : values.reduce((sum, value) => sum + value, 0) / n / HOUR_MS, p50: at(0.5), p90: at(0.9) };
  };
  const overall = summary(all);
  const byText = (a: string | boolean, b: string | boolean): number => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
  const days: number[] = [];
  for (let day = period.from; day < period.to; day += DAY_MS) days.push(day);
  return {
    overall: { ...overall, withinTarget: overall.n === 0 ? null : all.filter((ms) => ms <= releaseTargetHours * HOUR_MS).length / overall.n },
    segments: SEGMENT_NAMES.filter((name) => segments.has(name)).map((name) => {
      const [from, to] = name.split('>') as [TrsReport['segments'][number]['from'], TrsReport['segments'][number]['to']];
      const { n, mean, p50 } = summary(segments.get(name));
      return { from, to, n, mean, median: p50 };
    }),
    breakdowns: Object.fromEntries(
      (['finalLane', 'transportMode', 'regime', 'office', 'aeo', 'preArrival'] as const).map((name) => {
        const byKey = breakdowns.get(name) ?? new Map<string | boolean, number[]>();
        return [name, [...byKey.keys()].sort(byText).map((key) => ({ key, ...summary(byKey.get(key)) }))];
      }),
    ) as unknown as TrsReport['breakdowns'],
    distribution: RELEASE_TIME_BIN_HOURS.map((fromHours, bin) => {
      const toHours = RELEASE_TIME_BIN_HOURS[bin + 1] ?? null;
      return { fromHours, toHours, count: all.filter((ms) => ms >= fromHours * HOUR_MS && (toHours === null || ms < toHours * HOUR_MS)).length };
    }),
    trend: days.map((day) => {
      const { n, mean, p50 } = summary(trend.get(day));
      return { day: new Date(day).toISOString(), n, mean, median: p50 };
    }),
    outliers: outliers
      .sort((a, b) => b.ms - a.ms || (a.subject < b.subject ? -1 : 1))
      .slice(0, 20)
      .map(({ ms, ...rest }) => ({ subject: rest.subject, hours: ms / HOUR_MS, office: rest.office, finalLane: rest.finalLane, transportMode: rest.transportMode })),
  };
}

/**
 * Expects `report` to give what the scan gives: every count, mean, share, bin and outlier equal (both divide the same
 * exact integer sums), every percentile and median within 1% (kpis.md), a negative one included.
 */
export function expectSameTrsReport(report: TrsReport, reference: ReturnType<typeof trsReportByScan>): void {
  const near = (actual: number | null, expected: number | null, where: string): void => {
    if (expected === null || expected === 0) expect({ where, actual }).toEqual({ where, actual: expected });
    else expect({ where, ok: relativeError(actual, expected) <= 0.01, actual, expected }).toMatchObject({ where, ok: true });
  };
  const figures = (actual: object, expected: object, where: string): void => {
    const got = actual as Record<string, unknown>;
    for (const [name, value] of Object.entries(expected)) {
      if (name === 'p50' || name === 'p90' || name === 'median') near(got[name] as number | null, value as number | null, `${where}.${name}`);
      else expect({ where: `${where}.${name}`, value: got[name] }).toEqual({ where: `${where}.${name}`, value });
    }
  };
  figures(report.overall, reference.overall, 'overall');
  expect(report.segments.map(({ from, to }) => `${from}>${to}`)).toEqual(reference.segments.map(({ from, to }) => `${from}>${to}`));
  reference.segments.forEach((segment, index) => figures(report.segments[index]!, segment, `segments[${segment.from}>${segment.to}]`));
  for (const [name, rows] of Object.entries(reference.breakdowns)) {
    const actual = report.breakdowns[name as TrsBreakdown];
    expect({ name, keys: actual.map(({ key }) => key) }).toEqual({ name, keys: rows.map(({ key }) => key) });
    rows.forEach((row, index) => figures(actual[index]!, row, `breakdowns.${name}[${String(row.key)}]`));
  }
  expect(report.distribution).toEqual(reference.distribution);
  expect(report.trend.length).toBe(reference.trend.length);
  reference.trend.forEach((day, index) => figures(report.trend[index]!, day, `trend[${day.day}]`));
  expect(report.outliers).toEqual(reference.outliers);
}
