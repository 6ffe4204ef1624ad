import { type KpiId } from '@customs-pulse/domain';

/** kpis.md's "definition" column, word for word, for the PMM report: one per KPI, so the compiler sees none missing. */
export const KPI_DEFINITION_TEXTS: Readonly<Record<KpiId, string>> = {
  release_time_mean: 'mean of releasedAt - arrivedAt over released, not cancelled declarations with both facts',
  release_time_p50: 'p50 of the same durations',
  release_time_p90: 'p90 of the same durations',
  released_within_target_rate: 'share of those durations <= RELEASE_TARGET_HOURS (default 24)',
  processing_time_mean: 'mean of releasedAt - lodgedAt, same population',
  examination_time_mean: 'mean of examCompletedAt - examStartedAt',
  green_lane_rate: 'share of declarations with a lane whose finalLane = GREEN',
  documentary_check_rate: 'same, finalLane = YELLOW',
  physical_inspection_rate: 'same, finalLane = RED',
  pre_arrival_rate: 'share of lodged declarations with preArrival',
  electronic_declaration_rate: 'share of lodged declarations with electronic',
  aeo_trade_share: 'sum of customsValue where aeo / sum of customsValue',
  backlog: 'count of declarations with lodgedAt < t, no releasedAt < t, no cancelledAt < t, where t is the end of the bucket (for current: now)',
  duties_assessed: 'sum of DutiesAssessed.amount (every event)',
  duties_collected: 'sum of DutiesPaid.amount (every event)',
  collection_rate: 'duties_collected / duties_assessed over the same window and slice',
  epayment_share: 'sum of DutiesPaid.amount with method = ELECTRONIC / sum of DutiesPaid.amount',
  pca_additional_revenue: 'sum of PostClearanceAuditCompleted.additionalAssessed',
  seizures_count: 'count of SeizureRecorded',
  seizures_value: 'sum of estimatedValue',
  inspection_hit_rate: 'share of declarations with an ExaminationCompleted that are a hit',
  targeting_lift:
    'hit rate of examined declarations with basis = CRITERIA divided by that with basis = RANDOM; null when either has no examined declaration or the random rate is 0',
  risk_based_seizure_share: 'share of seizures with detectionMethod in {RISK_PROFILE, INTELLIGENCE, NII, CANINE}',
  pca_noncompliance_rate: 'share of PostClearanceAuditCompleted with finding = NON_COMPLIANT',
  lane_downgrade_rate: 'share of declarations with a lane that are downgraded',
  first_time_acceptance_rate: 'share of lodged declarations that are not rejected',
  ingest_lag_p95: 'p95 of (time the event was stored - event time) in seconds',
};
