import { type KpiId, kpiById } from '@customs-pulse/domain';

import { type QuantileSketch } from '../sketch/index.js';
import { HOUR_MS } from './bucket-time.js';
import { FIELD, type MeasureId } from './measures.js';
import { type CounterView, counterNumber, exactCounter } from './carried-counters.js';
import { moneyRatio, moneyValue } from './money.js';
import { nearestRatio } from './nearest-ratio.js';

/** A KPI value with `n`, the number of observations behind it (kpis.md, "Every value comes with n"). */
export interface KpiValue {
  /** `null` for a mean, share, ratio or percentile over nothing. */
  readonly value: number | null;
  readonly n: number;
}

/** How a KPI is read from the counters of its measure, summed over one bucket or a window of them. */
export interface KpiReader {
  readonly measure: MeasureId;
  read(counters: CounterView, sketch: QuantileSketch | null): KpiValue;
}

/** The KPIs read from buckets: all but `backlog`, a running sum of deltas (backlog-line.ts). */
export type BucketKpiId = Exclude<KpiId, 'backlog'>;

/**
 * `top / bottom` of two counters, `null` when `bottom` is 0. While both are safe integers, as they always are short of
 * 2^53, with the float formula the KPI always had, so its values stay as they were; the float nearest to the exact
 * ratio beyond. Which formula applies depends on the exact totals only, never on how they are carried.
 */
export function counterRatio(counters: CounterView, top: number, bottom: number, scale: number): number | null {
  const numerator = counterNumber(counters, top);
  const denominator = counterNumber(counters, bottom);
  if (denominator === 0) return null;
  if (Number.isSafeInteger(numerator) && Number.isSafeInteger(denominator)) return numerator / denominator / scale;
  return nearestRatio(exactCounter(counters, top), exactCounter(counters, bottom) * BigInt(scale));
}

function count(measure: MeasureId, n: number): KpiReader {
  return {
    measure,
    read: (counters) => {
      const size = counterNumber(counters, n);
      return { value: size, n: size };
    },
  };
}

function meanHours(measure: MeasureId, n: number, sumMs: number): KpiReader {
  return { measure, read: (counters) => ({ value: counterRatio(counters, sumMs, n, HOUR_MS), n: counterNumber(counters, n) }) };
}

function share(measure: MeasureId, n: number, matching: number): KpiReader {
  return { measure, read: (counters) => ({ value: counterRatio(counters, matching, n, 1), n: counterNumber(counters, n) }) };
}

function percentile(measure: MeasureId, n: number, id: KpiId): KpiReader {
  const definition = kpiById(id);
  if (definition.aggregation !== 'percentile') throw new Error(`${id} is not a percentile KPI`);
  const p = definition.percentile;
  return { measure, read: (counters, sketch) => ({ value: sketch?.quantile(p) ?? null, n: counterNumber(counters, n) }) };
}

function moneySum(measure: MeasureId, n: number, whole: number, fraction: number): KpiReader {
  const sum = { whole, fraction };
  return { measure, read: (counters) => ({ value: moneyValue(counters, sum), n: counterNumber(counters, n) }) };
}

/** Money over money; `n` counts the events or declarations in the denominator. */
function moneyShare(measure: MeasureId, n: number, top: readonly [number, number], bottom: readonly [number, number]): KpiReader {
  const numerator = { whole: top[0], fraction: top[1] };
  const denominator = { whole: bottom[0], fraction: bottom[1] };
  return {
    measure,
    read: (counters) => ({ value: moneyRatio(counters, numerator, denominator), n: counterNumber(counters, n) }),
  };
}

const { releaseTime, processingTime, examinationTime, laneAssignment, lodgement, examination, duties, seizure, audit } =
  FIELD;

/**
 * The hit rate of CRITERIA examinations over that of RANDOM ones; `null` when either basis has no examined
 * declaration or the random rate is 0 (kpis.md). `n`: examined declarations with basis CRITERIA or RANDOM.
 */
const targetingLift: KpiReader = {
  measure: 'examination',
  read: (counters) => {
    const criteriaN = counterNumber(counters, examination.criteriaN);
    const criteriaHits = counterNumber(counters, examination.criteriaHit);
    const randomN = counterNumber(counters, examination.randomN);
    const randomHits = counterNumber(counters, examination.randomHit);
    const n = criteriaN + randomN;
    if (criteriaN === 0 || randomN === 0 || randomHits === 0) return { value: null, n };
    if ([criteriaN, criteriaHits, randomN, randomHits].every(Number.isSafeInteger)) {
      return { value: (criteriaHits * randomN) / (criteriaN * randomHits), n };
    }
    const exact = (index: number): bigint => exactCounter(counters, index);
    const top = exact(examination.criteriaHit) * exact(examination.randomN);
    return { value: nearestRatio(top, exact(examination.criteriaN) * exact(examination.randomHit)), n };
  },
};

/** How each KPI but `backlog` reads its measure. */
export const KPI_READERS: { readonly [K in BucketKpiId]: KpiReader } = {
  release_time_mean: meanHours('releaseTime', releaseTime.n, releaseTime.sumMs),
  release_time_p50: percentile('releaseTime', releaseTime.n, 'release_time_p50'),
  release_time_p90: percentile('releaseTime', releaseTime.n, 'release_time_p90'),
  released_within_target_rate: share('releaseTime', releaseTime.n, releaseTime.withinTarget),
  processing_time_mean: meanHours('processingTime', processingTime.n, processingTime.sumMs),
  examination_time_mean: meanHours('examinationTime', examinationTime.n, examinationTime.sumMs),
  green_lane_rate: share('laneAssignment', laneAssignment.n, laneAssignment.green),
  documentary_check_rate: share('laneAssignment', laneAssignment.n, laneAssignment.yellow),
  physical_inspection_rate: share('laneAssignment', laneAssignment.n, laneAssignment.red),
  pre_arrival_rate: share('lodgement', lodgement.n, lodgement.preArrival),
  electronic_declaration_rate: share('lodgement', lodgement.n, lodgement.electronic),
  aeo_trade_share: moneyShare(
    'lodgement',
    lodgement.n,
    [lodgement.aeoWhole, lodgement.aeoFraction],
    [lodgement.valueWhole, lodgement.valueFraction],
  ),
  duties_assessed: moneySum('duties', duties.assessedN, duties.assessedWhole, duties.assessedFraction),
  duties_collected: moneySum('duties', duties.paidN, duties.paidWhole, duties.paidFraction),
  collection_rate: moneyShare(
    'duties',
    duties.assessedN,
    [duties.paidWhole, duties.paidFraction],
    [duties.assessedWhole, duties.assessedFraction],
  ),
  epayment_share: moneyShare(
    'duties',
    duties.paidN,
    [duties.electronicWhole, duties.electronicFraction],
    [duties.paidWhole, duties.paidFraction],
  ),
  pca_additional_revenue: moneySum('audit', audit.n, audit.additionalWhole, audit.additionalFraction),
  seizures_count: count('seizure', seizure.n),
  seizures_value: moneySum('seizure', seizure.n, seizure.valueWhole, seizure.valueFraction),
  inspection_hit_rate: share('examination', examination.n, examination.hit),
  targeting_lift: targetingLift,
  risk_based_seizure_share: share('seizure', seizure.n, seizure.riskBased),
  pca_noncompliance_rate: share('audit', audit.n, audit.nonCompliant),
  lane_downgrade_rate: share('laneAssignment', laneAssignment.n, laneAssignment.downgraded),
  first_time_acceptance_rate: share('lodgement', lodgement.n, lodgement.accepted),
  ingest_lag_p95: percentile('ingestLag', FIELD.ingestLag.n, 'ingest_lag_p95'),
};
