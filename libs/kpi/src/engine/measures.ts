import { type Granularity } from './bucket-time.js';
import { SEGMENT_MEASURES, TRS_MEASURES } from './trs-measures.js';

/**
 * What a bucket keeps: each measure is a vector of integer counters (and, for durations, a quantile sketch) that
 * several KPIs read. Counters are integers (counts, milliseconds, money parts, see money.ts), so sums are exact and
 * independent of order; a value is only computed when it is read.
 */
export interface MeasureSpec {
  /** Counters, by name; their index in a bucket's vector is their position here. */
  readonly fields: readonly string[];
  /** Whether buckets also hold a quantile sketch of the observations' samples. */
  readonly sketch: boolean;
  /** The granularities it is kept in. */
  readonly granularities: readonly Granularity[];
  /**
   * Read by reports only, never by a live view (the TRS report's daily aggregates): a bounded engine holds its daily
   * buckets only from the hour horizon's day (bucket-horizons.ts, `heldFromOf`), since a report reads back what is not
   * held anyway, and every start and `asOf` answer would load the rest for nothing.
   */
  readonly reportOnly?: true;
}

const BOTH: readonly Granularity[] = ['hour', 'day'];

/** Every measure, by id (the id appears in persisted bucket keys: do not rename). */
export const MEASURES = {
  /** Released, not cancelled declarations with `arrivedAt`: release time, at `releasedAt`; sample in hours. */
  releaseTime: { fields: ['n', 'sumMs', 'withinTarget'], sketch: true, granularities: BOTH },
  /** Same population with `lodgedAt`: processing time, at `releasedAt`. */
  processingTime: { fields: ['n', 'sumMs'], sketch: false, granularities: BOTH },
  /** Declarations with both examination facts: examination time, at `examCompletedAt`. */
  examinationTime: { fields: ['n', 'sumMs'], sketch: false, granularities: BOTH },
  /** Declarations with a lane, at `laneAssignedAt`: counts by final lane, and downgrades. */
  laneAssignment: { fields: ['n', 'green', 'yellow', 'red', 'downgraded'], sketch: false, granularities: BOTH },
  /** Lodged declarations, at `lodgedAt`. */
  lodgement: {
    fields: ['n', 'preArrival', 'electronic', 'accepted', 'valueWhole', 'valueFraction', 'aeoWhole', 'aeoFraction'],
    sketch: false,
    granularities: BOTH,
  },
  /**
   * +1 at `lodgedAt`, -1 when released or cancelled: the backlog at an instant is the sum of the deltas before it.
   * Hourly only: the backlog at a day's end is the one at its last hour's end.
   */
  backlog: { fields: ['delta'], sketch: false, granularities: ['hour'] },
  /** Declarations with an `ExaminationCompleted`, at `examCompletedAt`: hits, by lane basis too. */
  examination: {
    fields: ['n', 'hit', 'criteriaN', 'criteriaHit', 'randomN', 'randomHit'],
    sketch: false,
    granularities: BOTH,
  },
  /** Each `DutiesAssessed` and `DutiesPaid`, at its time: one measure, so that `collection_rate` reads one bucket. */
  duties: {
    fields: [
      'assessedN',
      'assessedWhole',
      'assessedFraction',
      'paidN',
      'paidWhole',
      'paidFraction',
      'electronicWhole',
      'electronicFraction',
    ],
    sketch: false,
    granularities: BOTH,
  },
  /** Each `SeizureRecorded`, at its time. */
  seizure: { fields: ['n', 'riskBased', 'valueWhole', 'valueFraction'], sketch: false, granularities: BOTH },
  /** Each `PostClearanceAuditCompleted`, at its time. */
  audit: { fields: ['n', 'nonCompliant', 'additionalWhole', 'additionalFraction'], sketch: false, granularities: BOTH },
  /** Each stored producer event, at `recordedAt`; sample: the lag in seconds. */
  ingestLag: { fields: ['n'], sketch: true, granularities: BOTH },
  ...TRS_MEASURES,
  ...SEGMENT_MEASURES,
} as const satisfies Record<string, MeasureSpec>;

/** One of the keys of {@link MEASURES}. */
export type MeasureId = keyof typeof MEASURES;

/** Every measure id, in a fixed order. */
export const MEASURE_IDS = Object.keys(MEASURES) as MeasureId[];

/** Whether `value` names a measure (e.g. in a persisted bucket). */
export function isMeasureId(value: unknown): value is MeasureId {
  return typeof value === 'string' && Object.hasOwn(MEASURES, value);
}

/** Whether `measure` is read by reports only ({@link MeasureSpec.reportOnly}). */
export function isReportOnly(measure: MeasureId): boolean {
  return (MEASURES[measure] as MeasureSpec).reportOnly === true;
}

/** The index of each counter of a measure in its bucket vector: `FIELD.lodgement.accepted` is 3. */
export const FIELD = Object.fromEntries(
  MEASURE_IDS.map((id) => [id, Object.fromEntries(MEASURES[id].fields.map((name, index) => [name, index]))]),
) as { readonly [M in MeasureId]: { readonly [F in (typeof MEASURES)[M]['fields'][number]]: number } };
