import { LANES, REGIMES, TRANSPORT_MODES } from '@customs-pulse/domain';
import { EventLoopTurns } from '@customs-pulse/event-store';

import { DAY_MS } from '../engine/bucket-time.js';
import { type KpiEngine } from '../engine/kpi-engine.js';
import { type LineReading } from '../engine/line-reading.js';
import { type MeasureId } from '../engine/measures.js';
import { type KpiFilters, sliceKey } from '../engine/slices.js';
import { AEO_MEASURE, LANE_MEASURE, PRE_ARRIVAL_MEASURE, SEGMENT_NAMES } from '../engine/trs-measures.js';
import { type TrsFilters } from '../engine/trs-release.js';
import { type TrsMilestone } from '../declarations/trs-segments.js';
import { withColdBuckets } from '../projection/cold-bucket-reads.js';
import { type ColdState } from '../read-model/read-model.port.js';
import { type DurationSummary } from './duration-summary.js';
import { type TrsOutlier, longestReleasesOf } from './longest-releases.js';
import { type DistributionBin, distributionOf } from './release-time-bins.js';
import { type ReportPeriod, daysOf, periodJson } from './report-period.js';
import { counterNumber } from '../engine/carried-counters.js';
import { durationFigures, mergedDays, segmentFigures } from './trs-day-figures.js';

export type { TrsFilters };

/** The attributes the TRS report breaks its overall figures down by, as the JSON names them. */
export const TRS_BREAKDOWNS = ['finalLane', 'transportMode', 'regime', 'office', 'aeo', 'preArrival'] as const;
/** One of {@link TRS_BREAKDOWNS}. */
export type TrsBreakdown = (typeof TRS_BREAKDOWNS)[number];

/** One row of a breakdown: the overall figures of the declarations whose attribute is `key`. */
export interface TrsBreakdownRow extends DurationSummary {
  readonly key: string | boolean;
}

/** `GET /api/reports/trs` (targets-and-reports.md, "Shapes"). Hours are floats. */
export interface TrsReport {
  readonly period: { readonly from: string; readonly to: string };
  readonly filters: TrsFilters;
  readonly asOf?: string;
  readonly position: number;
  readonly overall: DurationSummary & { readonly withinTarget: number | null };
  readonly segments: readonly { readonly from: TrsMilestone; readonly to: TrsMilestone; readonly n: number; readonly mean: number | null; readonly median: number | null }[];
  readonly breakdowns: Readonly<Record<TrsBreakdown, readonly TrsBreakdownRow[]>>;
  readonly distribution: readonly DistributionBin[];
  readonly trend: readonly { readonly day: string; readonly n: number; readonly mean: number | null; readonly median: number | null }[];
  readonly outliers: readonly TrsOutlier[];
}

/** What a TRS report is taken over. */
export interface TrsReportInput {
  readonly period: ReportPeriod;
  readonly filters: TrsFilters;
  readonly position: number;
  readonly asOf?: string;
}

/** `releaseTime`'s third counter (measures.ts): release times at or below `RELEASE_TARGET_HOURS`. */
const WITHIN_TARGET = 2;

/**
 * The TRS report of the engine's position, from the daily aggregates of the release-time population (README, "The TRS
 * report from days"): each figure merges the period's days of one measure and slice, held by the engine or read back
 * from `cold` (null for an engine that holds every bucket), so that a year reads some 60 lines of at most 366
 * buckets instead of every declaration. Counts, sums and means are exact; medians and p90 are within the sketches'
 * accuracy (kpis.md allows 1%). The outliers come from the declarations themselves (longest-releases.ts). It gives the
 * event loop a turn every slice (architecture.md, guarantee 7): the engine must not change until it settles
 * (`KpiAnswers.answerAcrossTurns`).
 */
export async function trsReportOf(engine: KpiEngine, cold: ColdState | null, input: TrsReportInput): Promise<TrsReport> {
  const { period, filters } = input;
  const turns = new EventLoopTurns();
  const daysOfLine = async (measure: MeasureId, extra: KpiFilters = {}): Promise<LineReading> => {
    if (turns.due) await turns.give();
    const slice = sliceKey({ ...filters, ...extra });
    return withColdBuckets(cold, (rows) => engine.measureDays(measure, slice, period.from, period.to, rows));
  };
  const figuresOf = async (measure: MeasureId, extra?: KpiFilters): Promise<DurationSummary> =>
    durationFigures(mergedDays(measure, await daysOfLine(measure, extra), period));

  const releaseTimes = await daysOfLine('releaseTime');
  const overall = mergedDays('releaseTime', releaseTimes, period);
  const summary = durationFigures(overall);
  const withinTarget = summary.n === 0 ? null : counterNumber(overall.counters, WITHIN_TARGET) / summary.n;

  const segments: TrsReport['segments'][number][] = [];
  for (const name of SEGMENT_NAMES) {
    const positive = mergedDays(`segment:${name}`, await daysOfLine(`segment:${name}`), period);
    const negative = mergedDays(`negativeSegment:${name}`, await daysOfLine(`negativeSegment:${name}`), period);
    const figures = segmentFigures(positive, negative);
    if (figures.n === 0) continue;
    const [from, to] = name.split('>') as [TrsMilestone, TrsMilestone];
    segments.push({ from, to, ...figures });
  }

  const rowsOf = async <K extends string | boolean>(keys: readonly K[], figures: (key: K) => Promise<DurationSummary>): Promise<TrsBreakdownRow[]> => {
    const rows: TrsBreakdownRow[] = [];
    for (const key of [...keys].sort(byText)) {
      const row = await figures(key);
      if (row.n > 0) rows.push({ key, ...row });
    }
    return rows;
  };
  // A filtered dimension breaks down into the filter's value alone.
  const valuesOf = (dimension: keyof TrsFilters, all: Iterable<string>): string[] =>
    filters[dimension] === undefined ? [...all] : [filters[dimension]];
  const breakdowns: Record<TrsBreakdown, TrsBreakdownRow[]> = {
    finalLane: await rowsOf(LANES, (lane) => figuresOf(LANE_MEASURE[lane])),
    transportMode: await rowsOf(valuesOf('transportMode', TRANSPORT_MODES), (transportMode) => figuresOf('releaseTime', { transportMode })),
    regime: await rowsOf(valuesOf('regime', REGIMES), (regime) => figuresOf('releaseTime', { regime })),
    office: await rowsOf(valuesOf('office', engine.offices()), (office) => figuresOf('releaseTime', { office })),
    aeo: await rowsOf([false, true], (aeo) => figuresOf(AEO_MEASURE[`${aeo}`])),
    preArrival: await rowsOf([false, true], (preArrival) => figuresOf(PRE_ARRIVAL_MEASURE[`${preArrival}`])),
  };

  const distribution = distributionOf(mergedDays('releaseTimeBins', await daysOfLine('releaseTimeBins'), period));
  const trend = daysOf(period).map((day) => {
    const { n, mean, p50 } = durationFigures(mergedDays('releaseTime', releaseTimes, { from: day, to: day + DAY_MS }));
    return { day: new Date(day).toISOString(), n, mean, median: p50 };
  });
  return {
    period: periodJson(period),
    filters,
    ...(input.asOf === undefined ? {} : { asOf: input.asOf }),
    position: input.position,
    overall: { ...summary, withinTarget },
    segments,
    breakdowns,
    distribution,
    trend,
    outliers: await longestReleasesOf(engine, cold, period, filters, summary.n),
  };
}

/** Keys in code-unit order of their text: `false` before `true`. */
function byText(a: string | boolean, b: string | boolean): number {
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
