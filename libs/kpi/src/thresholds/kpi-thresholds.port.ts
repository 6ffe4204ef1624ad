import { type KpiId, type KpiThresholds } from '@customs-pulse/domain';

/** Dependency-injection token for the {@link KpiThresholdsInForce} port. */
export const KPI_THRESHOLDS = Symbol('KpiThresholdsInForce');

/**
 * The alert thresholds in force (kpis.md: defaults from the catalogue, changed at run time by `KpiThresholdChanged`),
 * for `GET /api/kpis`. The alert lifecycle implements it; the app names it in `KpiModule.forRoot`.
 */
export interface KpiThresholdsInForce {
  /** `null` for a KPI with no threshold (no default and never set): it raises no threshold alert. */
  thresholdsOf(kpiId: KpiId): Promise<KpiThresholds | null>;
}
