import { EventLoopTurns } from '@customs-pulse/event-store';

import { type DeclarationFacts, attributesOf, finalLaneOf } from '../engine/declaration-facts.js';
import { type KpiFilters } from '../engine/slices.js';
import { TRS_MILESTONES, type TrsMilestone, neighbouringSegments } from '../declarations/trs-segments.js';
import { bucketStart } from '../engine/bucket-time.js';
import { DurationSample, type DurationSummary } from './duration-summary.js';
import { type ReportPeriod, daysOf, periodJson } from './report-period.js';
import { ReleaseTimeBins, type DistributionBin } from './release-time-bins.js';
import { LongestReleases, type TrsOutlier } from './longest-releases.js';

import { type TrsFilters } from '../engine/trs-release.js';

export type { TrsFilters };

/** The attributes the TRS report breaks its overall figures down by, as the JSON names them. */
export const TRS_BREAKDOWNS = ['finalLane', 'transportMode', 'regime', 'office', 'aeo', 'preArrival'] as const;
/** One of {@link TRS_BREAKDOWNS}. */
export type TrsBreakdown = (typeof TRS_BREAKDOWNS)[number];

/** One row of a breakdown: the overall figures of the declarations whose attribute is `key`. */
export interface TrsBreakdownRow {
  readonly key: string | boolean;
  readonly n: number;
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
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

/** What a TRS report is taken over, besides the declarations. */
export interface TrsReportInput {
  readonly period: ReportPeriod;
  readonly filters: TrsFilters;
  /** `RELEASE_TARGET_HOURS`: `withinTarget` counts release times at or below it. */
  readonly releaseTargetHours: number;
  readonly position: number;
  readonly asOf?: string;
}

/** A declaration as the report reads it. */
export interface TrsDeclaration {
  readonly subject: string;
  readonly facts: Readonly<DeclarationFacts>;
}

/**
 * The TRS report over the declarations given, in pages (those in memory, then the read model's), of which it keeps
 * the release-time population of kpis.md: released in the period, not cancelled, with both `arrivedAt` and
 * `releasedAt`, a release time that is not negative, and the filters' attributes. Every figure but the percentiles is exact; the percentiles are exact too, as every
 * observation is at hand. It gives the event loop a turn every slice (architecture.md, guarantee 7), in the scan and
 * between the figures' sorts: the declarations must not change until it settles.
 */
export async function trsReport(declarations: AsyncIterable<Iterable<TrsDeclaration>>, input: TrsReportInput): Promise<TrsReport> {
  const turns = new EventLoopTurns();
  const { period, filters } = input;
  const overall = new DurationSample();
  let withinTarget = 0;
  const targetMs = input.releaseTargetHours * 3_600_000;
  const segments = new Map<string, DurationSample>();
  const breakdowns = new Map<TrsBreakdown, Map<string | boolean, DurationSample>>(TRS_BREAKDOWNS.map((name) => [name, new Map()]));
  const bins = new ReleaseTimeBins();
  const trend = new Map<number, DurationSample>(daysOf(period).map((day) => [day, new DurationSample()]));
  const longest = new LongestReleases();

  for await (const page of declarations) {
    for (const { subject, facts } of page) {
      if (turns.due) await turns.give();
      const releaseMs = releaseTimeMs(facts, period, filters);
      if (releaseMs === null) continue;
      overall.add(releaseMs);
      if (releaseMs <= targetMs) withinTarget += 1;
      for (const segment of neighbouringSegments(facts)) {
        // back to the integer milliseconds the hours were divided from, so that sums stay exact
        sampleOf(segments, `${segment.from}>${segment.to}`).add(Math.round(segment.hours * 3_600_000));
      }
      const attributes = breakdownKeys(facts);
      for (const name of TRS_BREAKDOWNS) {
        const key = attributes[name];
        if (key !== null) sampleOf(breakdowns.get(name)!, key).add(releaseMs);
      }
      bins.add(releaseMs);
      trend.get(bucketStart(facts.released!.at, 'day'))!.add(releaseMs);
      longest.offer(subject, releaseMs, attributes.office, attributes.finalLane, attributes.transportMode);
    }
  }

  // Each figure sorts its observations: the whole population for the overall one and again for each breakdown.
  const summary = overall.summary();
  if (turns.due) await turns.give();
  const segmentFigures = segmentRows(segments);
  const breakdownFigures: Partial<Record<TrsBreakdown, TrsBreakdownRow[]>> = {};
  for (const name of TRS_BREAKDOWNS) {
    if (turns.due) await turns.give();
    breakdownFigures[name] = breakdownRows(breakdowns.get(name)!);
  }
  if (turns.due) await turns.give();
  return {
    period: periodJson(period),
    filters,
    ...(input.asOf === undefined ? {} : { asOf: input.asOf }),
    position: input.position,
    overall: { ...summary, withinTarget: summary.n === 0 ? null : withinTarget / summary.n },
    segments: segmentFigures,
    breakdowns: breakdownFigures as Record<TrsBreakdown, TrsBreakdownRow[]>,
    distribution: bins.toJSON(),
    trend: [...trend].map(([day, sample]) => {
      const { n, mean, p50 } = sample.summary();
      return { day: new Date(day).toISOString(), n, mean, median: p50 };
    }),
    outliers: longest.toJSON(),
  };
}

/** The declaration's release time in ms when it belongs to the population, else `null`. */
function releaseTimeMs(facts: Readonly<DeclarationFacts>, period: ReportPeriod, filters: TrsFilters): number | null {
  const { arrived, released, cancelled } = facts;
  if (arrived === null || released === null || cancelled !== null) return null;
  if (released.at < period.from || released.at >= period.to) return null;
  const releaseMs = released.at - arrived.at;
  // kpis.md: a negative duration is left out of its KPI (and counted in the quality figures), never clamped.
  if (releaseMs < 0) return null;
  const attributes = attributesOf(facts);
  if (filters.office !== undefined && attributes.officeId !== filters.office) return null;
  if (filters.transportMode !== undefined && attributes.transportMode !== filters.transportMode) return null;
  if (filters.regime !== undefined && attributes.regime !== filters.regime) return null;
  return releaseMs;
}

/** A declaration's key in each breakdown; `null` where the attribute is unknown. */
interface BreakdownKeys {
  readonly finalLane: string | null;
  readonly transportMode: string | null;
  readonly regime: string | null;
  readonly office: string | null;
  readonly aeo: boolean | null;
  readonly preArrival: boolean | null;
}

function breakdownKeys(facts: Readonly<DeclarationFacts>): BreakdownKeys {
  const attributes = attributesOf(facts);
  return {
    finalLane: finalLaneOf(facts),
    transportMode: attributes.transportMode,
    regime: attributes.regime,
    office: attributes.officeId,
    aeo: facts.lodged?.aeo ?? null,
    preArrival: facts.lodged?.preArrival ?? null,
  };
}

function sampleOf<K>(samples: Map<K, DurationSample>, key: K): DurationSample {
  let sample = samples.get(key);
  if (sample === undefined) {
    sample = new DurationSample();
    samples.set(key, sample);
  }
  return sample;
}

/** One row per (from, to) pair that occurs, ordered by `from`, then `to`, in TRS order. */
function segmentRows(segments: Map<string, DurationSample>): TrsReport['segments'] {
  const rows: TrsReport['segments'][number][] = [];
  for (const from of TRS_MILESTONES) {
    for (const to of TRS_MILESTONES) {
      const sample = segments.get(`${from}>${to}`);
      if (sample === undefined) continue;
      const { n, mean, p50 } = sample.summary();
      rows.push({ from, to, n, mean, median: p50 });
    }
  }
  return rows;
}

/** Rows by key: `false` before `true`, strings in code-unit order. */
function breakdownRows(samples: Map<string | boolean, DurationSample>): TrsBreakdownRow[] {
  return [...samples.keys()]
    .sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0))
    .map((key) => ({ key, ...samples.get(key)!.summary() }));
}

