/**
 * Every KPI of the catalogue (kpis.md, "Catalogue"), in the order of its tables. The `as const` tuple is both the
 * runtime list {@link isKpiId} checks against and the source of the {@link KpiId} union.
 */
export const KPI_IDS = [
  'release_time_mean',
  'release_time_p50',
  'release_time_p90',
  'released_within_target_rate',
  'processing_time_mean',
  'examination_time_mean',
  'green_lane_rate',
  'documentary_check_rate',
  'physical_inspection_rate',
  'pre_arrival_rate',
  'electronic_declaration_rate',
  'aeo_trade_share',
  'backlog',
  'duties_assessed',
  'duties_collected',
  'collection_rate',
  'epayment_share',
  'pca_additional_revenue',
  'seizures_count',
  'seizures_value',
  'inspection_hit_rate',
  'targeting_lift',
  'risk_based_seizure_share',
  'pca_noncompliance_rate',
  'lane_downgrade_rate',
  'first_time_acceptance_rate',
  'ingest_lag_p95',
] as const;
/** One of {@link KPI_IDS}. */
export type KpiId = (typeof KPI_IDS)[number];

const KNOWN_IDS: ReadonlySet<string> = new Set(KPI_IDS);

/** Whether `value` names a KPI of the catalogue, e.g. a `:id` path parameter. */
export function isKpiId(value: unknown): value is KpiId {
  return typeof value === 'string' && KNOWN_IDS.has(value);
}
