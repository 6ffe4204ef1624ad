import { type KpiId } from './kpi-ids.js';
import { type SliceDimension } from './slice-dimensions.js';

/** The four dimensions of the WCO Performance Measurement Mechanism, one per table of kpis.md's catalogue. */
export const KPI_DIMENSIONS = [
  'trade_facilitation',
  'revenue_collection',
  'enforcement',
  'organizational_development',
] as const;
/** One of {@link KPI_DIMENSIONS}. */
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

/** The PMM's own title of each dimension, as kpis.md heads its tables. */
export const KPI_DIMENSION_TITLES: Readonly<Record<KpiDimension, string>> = {
  trade_facilitation: 'Trade facilitation and economic competitiveness',
  revenue_collection: 'Revenue collection',
  enforcement: 'Enforcement, security and protection of society',
  organizational_development: 'Organizational development',
};

/** What a value is measured in: durations in hours (float) or seconds, fractions, counts, reporting currency. */
export const KPI_UNITS = ['hours', 'ratio', 'count', 'money', 'seconds'] as const;
/** One of {@link KPI_UNITS}. */
export type KpiUnit = (typeof KPI_UNITS)[number];

/** `up`: higher is better; `down`: lower is better. Thresholds are crossed in the bad direction. */
export const KPI_DIRECTIONS = ['up', 'down'] as const;
/** One of {@link KPI_DIRECTIONS}. */
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

/**
 * The time an observation is attributed to, which picks its hour and day bucket (kpis.md, column "at"): a declaration
 * fact (`releasedAt`, `examCompletedAt`, `laneAssignedAt`, `lodgedAt`), the end of the bucket itself (`bucketEnd`, for
 * a state measured at an instant), the event's own `time` (`eventTime`) or the time it was stored (`recordedAt`).
 */
export const KPI_ATTRIBUTIONS = [
  'releasedAt',
  'examCompletedAt',
  'laneAssignedAt',
  'lodgedAt',
  'bucketEnd',
  'eventTime',
  'recordedAt',
] as const;
/** One of {@link KPI_ATTRIBUTIONS}. */
export type KpiAttribution = (typeof KPI_ATTRIBUTIONS)[number];

/**
 * How a value is computed from its observations, and so what a bucket keeps to merge exactly:
 * `mean` (sum and count), `percentile` (a quantile sketch), `share` (matching and total count), `ratio_of_sums` (two
 * sums), `ratio_of_shares` (two shares, for `targeting_lift`), `sum`, `count`, and `backlog` (a count of declarations
 * open at the bucket's end).
 */
export const KPI_AGGREGATIONS = [
  'mean',
  'percentile',
  'share',
  'ratio_of_sums',
  'ratio_of_shares',
  'sum',
  'count',
  'backlog',
] as const;
/** One of {@link KPI_AGGREGATIONS}. */
export type KpiAggregation = (typeof KPI_AGGREGATIONS)[number];

/** The percentiles the catalogue asks for, nearest rank (kpis.md, "Windows"). */
export const KPI_PERCENTILES = [0.5, 0.9, 0.95] as const;
/** One of {@link KPI_PERCENTILES}. */
export type KpiPercentile = (typeof KPI_PERCENTILES)[number];

/** Default alert thresholds; `warning` is always on the good side of `critical` for the KPI's direction. */
export interface KpiThresholds {
  readonly warning: number;
  readonly critical: number;
}

interface KpiDefinitionBase {
  readonly id: KpiId;
  /** Display name, as in kpis.md. */
  readonly name: string;
  readonly dimension: KpiDimension;
  readonly unit: KpiUnit;
  readonly direction: KpiDirection;
  /** Defaults, changeable at run time (`KpiThresholdChanged`); `null` where kpis.md gives none (no threshold alert). */
  readonly thresholds: KpiThresholds | null;
  /** The filters it can be asked by besides the total. */
  readonly slices: readonly SliceDimension[];
  readonly attribution: KpiAttribution;
}

/**
 * One KPI of the catalogue, as data. `emptyValue` is the value over no observation (kpis.md: a count or sum over
 * nothing is 0; a mean, ratio or percentile over nothing is `null`); the type ties it to the aggregation.
 */
export type KpiDefinition = KpiDefinitionBase &
  (
    | { readonly aggregation: 'sum' | 'count' | 'backlog'; readonly emptyValue: 0 }
    | { readonly aggregation: 'mean' | 'share' | 'ratio_of_sums' | 'ratio_of_shares'; readonly emptyValue: null }
    | { readonly aggregation: 'percentile'; readonly percentile: KpiPercentile; readonly emptyValue: null }
  );
