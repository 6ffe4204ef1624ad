/**
 * The JSON of api.md as the page reads it. The page depends on the HTTP and socket.io contract only, not on the
 * server's TypeScript, so it builds on its own and cannot pull server code into the browser bundle.
 */

/** The four PMM dimensions, in the order kpis.md lists them. */
export const KPI_DIMENSIONS = ['trade_facilitation', 'revenue_collection', 'enforcement', 'organizational_development'] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

export type KpiUnit = 'hours' | 'ratio' | 'count' | 'money' | 'seconds';

/** `up`: higher is better; `down`: lower is better. */
export type KpiDirection = 'up' | 'down';

export interface KpiThresholds {
  readonly warning: number;
  readonly critical: number;
}

/** One entry of `GET /api/kpis`. */
export interface KpiDefinition {
  readonly id: string;
  readonly name: string;
  readonly dimension: KpiDimension;
  readonly unit: KpiUnit;
  readonly direction: KpiDirection;
  readonly thresholds: KpiThresholds | null;
  readonly slices: readonly string[];
}

/** The filters of the page, as the query parameters and the live subscription name them. */
export interface SliceFilters {
  readonly office?: string;
  readonly transportMode?: string;
  readonly regime?: string;
}

/** A KPI's current value under a slice: a value of the `subscribe` snapshot. */
export interface KpiValue {
  readonly kpiId: string;
  readonly filters: SliceFilters;
  readonly value: number | null;
  readonly n: number;
}

/** The acknowledgement of `subscribe`: the snapshot, or why there is none. */
export type SubscribeAck = { readonly position: number; readonly values: readonly KpiValue[] } | { readonly error: { readonly status: number; readonly title: string; readonly detail: string } };

/** `kpi.updated`. */
export interface KpiUpdate extends KpiValue {
  readonly window: { readonly from: string; readonly to: string };
  readonly position: number;
}

export type Granularity = 'hour' | 'day';

/** `GET /api/kpis/:id/series`. */
export interface KpiSeries {
  readonly kpiId: string;
  readonly granularity: Granularity;
  readonly points: readonly { readonly start: string; readonly value: number | null; readonly n: number }[];
}

/** A TRS segment of `GET /api/declarations/:id`: from one milestone to another, in hours. */
export interface TrsSegment {
  readonly from: string;
  readonly to: string;
  readonly hours: number;
}

/** `GET /api/declarations/:id`. */
export interface DeclarationReport {
  readonly id: string;
  readonly facts: Readonly<Record<string, string | number | boolean | null>>;
  readonly segments: readonly TrsSegment[];
  readonly position: number;
}

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

/** One alert of `GET /api/alerts` and of `alert.*` pushes; the fields beyond `id` and `status` as api.md lists them. */
export interface Alert {
  readonly id: string;
  readonly status: AlertStatus;
  readonly rule?: string;
  readonly kpiId?: string;
  readonly filters?: Readonly<Record<string, string>>;
  readonly severity?: string;
  readonly raisedAt?: string;
  readonly value?: number | null;
  readonly threshold?: number | null;
  /** The event an event rule fired on; `null` for a threshold alert. */
  readonly trigger?: { readonly subject?: string; readonly type?: string } | null;
  /** What the rule saw: the category of a seizure, the lanes of a reroute. */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly [field: string]: unknown;
}

/** One stored event of `GET /api/audit/streams/:subject`. */
export interface AuditedEvent {
  readonly position: number;
  readonly recordedAt: string;
  readonly hash: string;
  readonly type?: string;
  readonly time?: string;
  readonly id?: string;
  readonly source?: string;
  readonly revision?: number;
  readonly data?: unknown;
  readonly event?: { readonly type?: string; readonly time?: string; readonly id?: string; readonly source?: string; readonly data?: unknown };
}

/** `GET /api/audit/verify`. */
export interface ChainVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly firstBroken?: { readonly position: number; readonly expected: string; readonly found: string };
}

/** `GET /api/kpis/current/offices`: every office's current values, from one position. */
export interface CurrentKpisByOffice {
  readonly position: number;
  readonly offices: readonly { readonly office: string; readonly values: readonly Omit<KpiValue, 'filters'>[] }[];
}

/** Where a strategic target stands (targets-and-reports.md, "Progress"). */
export type TargetStatus = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'insufficient_data';

/** One entry of `GET /api/targets` and a `target.updated` push: a target with its progress. */
export interface StrategicTarget {
  readonly id: string;
  readonly objective: string;
  readonly kpiId: string;
  readonly filters: SliceFilters;
  readonly baseline: { readonly from: string; readonly to: string };
  readonly target: number;
  readonly deadline: string;
  readonly milestones: readonly { readonly date: string; readonly value: number }[];
  readonly baselineValue: number | null;
  readonly baselineN: number;
  readonly recentValue: number | null;
  readonly recentN: number;
  readonly expected: number | null;
  readonly progress: number | null;
  readonly status: TargetStatus;
  readonly asOf?: string;
}

/** A `target.updated` push: the target with its progress, or its retirement. */
export type TargetUpdate = StrategicTarget | { readonly id: string; readonly retired: true };

/** A period of whole UTC days `[from, to)`, as the report queries take it: plain dates, `to` not included. */
export interface ReportPeriod {
  readonly from: string;
  readonly to: string;
}

/** The figures of a population of release times, in hours (`null` over nothing). */
export interface ReleaseFigures {
  readonly n: number;
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
}

/** The TRS report's breakdowns, in the order targets-and-reports.md lists them. */
export const TRS_BREAKDOWNS = ['finalLane', 'transportMode', 'regime', 'office', 'aeo', 'preArrival'] as const;
export type TrsBreakdown = (typeof TRS_BREAKDOWNS)[number];

/** `GET /api/reports/trs` (targets-and-reports.md, "Shapes"). */
export interface TrsReport {
  readonly period: { readonly from: string; readonly to: string };
  readonly filters: SliceFilters;
  readonly asOf?: string;
  readonly position: number;
  readonly overall: ReleaseFigures & { readonly withinTarget: number | null };
  readonly segments: readonly { readonly from: string; readonly to: string; readonly n: number; readonly mean: number | null; readonly median: number | null }[];
  readonly breakdowns: Readonly<Record<TrsBreakdown, readonly (ReleaseFigures & { readonly key: string | boolean })[]>>;
  readonly distribution: readonly { readonly fromHours: number; readonly toHours: number | null; readonly count: number }[];
  readonly trend: readonly { readonly day: string; readonly n: number; readonly mean: number | null; readonly median: number | null }[];
  readonly outliers: readonly { readonly subject: string; readonly hours: number; readonly office: string | null; readonly finalLane: string | null; readonly transportMode: string | null }[];
}
