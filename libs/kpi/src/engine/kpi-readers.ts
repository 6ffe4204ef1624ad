import { type KpiId, kpiById } from '@customs-pulse/domain';

import { type QuantileSketch } from '../sketch/index.js';
import { HOUR_MS } from './bucket-time.js';
import { FIELD, type MeasureId } from './measures.js';
import { moneyRatio, moneyValue } from './money.js';

/** A KPI value with `n`, the number of observations behind it (kpis.md, "Every value comes with n"). */
export interface KpiValue {
  /** `null` for a mean, share, ratio or percentile over nothing. */
  readonly value: number | null;
  readonly n: number;
}

/** How a KPI is read from the counters of its measure, summed over one bucket or a window of them. */
export interface KpiReader {
  readonly measure: MeasureId;
  read(values: ArrayLike<number>, sketch: QuantileSketch | null): KpiValue;
}

/** The KPIs read from buckets: all but `backlog`, a running sum of deltas (backlog-line.ts). */
export type BucketKpiId = Exclude<KpiId, 'backlog'>;

const at = (values: ArrayLike<number>, index: number): number => values[index] ?? 0;

function count(measure: MeasureId, n: number): KpiReader {
  return { measure, read: (values) => ({ value: at(values, n), n: at(values, n) }) };
}

function meanHours(measure: MeasureId, n: number, sumMs: number): KpiReader {
  return {
    measure,
    read: (values) => {
      const size = at(values, n);
      return { value: size === 0 ? null : at(values, sumMs) / size / HOUR_MS, n: size };
    },
  };
}

function share(measure: MeasureId, n: number, matching: number): KpiReader {
  return {
    measure,
    read: (values) => {
      const size = at(values, n);
      return { value: size === 0 ? null : at(values, matching) / size, n: size };
    },
  };
}

function percentile(measure: MeasureId, n: number, id: KpiId): KpiReader {
  const definition = kpiById(id);
  if (definition.aggregation !== 'percentile') throw new Error(`${id} is not a percentile KPI`);
  const p = definition.percentile;
  return { measure, read: (values, sketch) => ({ value: sketch?.quantile(p) ?? null, n: at(values, n) }) };
}

function moneySum(measure: MeasureId, n: number, whole: number, fraction: number): KpiReader {
  return { measure, read: (values) => ({ value: moneyValue(at(values, whole), at(values, fraction)), n: at(values, n) }) };
}

/** Money over money; `n` counts the events or declarations in the denominator. */
function moneyShare(measure: MeasureId, n: number, top: readonly [number, number], bottom: readonly [number, number]): KpiReader {
  return {
    measure,
    read: (values) => ({
      value: moneyRatio(at(values, top[0]), at(values, top[1]), at(values, bottom[0]), at(values, bottom[1])),
      n: at(values, n),
    }),
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
  read: (values) => {
    const criteriaN = at(values, examination.criteriaN);
    const randomN = at(values, examination.randomN);
    const randomHits = at(values, examination.randomHit);
    const n = criteriaN + randomN;
    if (criteriaN === 0 || randomN === 0 || randomHits === 0) return { value: null, n };
    return { value: (at(values, examination.criteriaHit) * randomN) / (criteriaN * randomHits), n };
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
