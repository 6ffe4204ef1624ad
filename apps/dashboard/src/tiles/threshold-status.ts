import type { KpiDirection, KpiThresholds } from '../api/api-types.js';

/**
 * Where a value stands against its KPI's thresholds: `ok`, `warning` or `critical` once a threshold is reached in the
 * bad direction (kpis.md: `down` = lower is better, `up` = higher is better); `unrated` for a KPI without
 * thresholds; `empty` when nothing was observed (`null`).
 */
export type ThresholdStatus = 'ok' | 'warning' | 'critical' | 'unrated' | 'empty';

export function thresholdStatus(value: number | null, direction: KpiDirection, thresholds: KpiThresholds | null): ThresholdStatus {
  if (value === null) return 'empty';
  if (thresholds === null) return 'unrated';
  const reached = (threshold: number): boolean => (direction === 'down' ? value >= threshold : value <= threshold);
  if (reached(thresholds.critical)) return 'critical';
  if (reached(thresholds.warning)) return 'warning';
  return 'ok';
}
