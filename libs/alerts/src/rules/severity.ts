import { type KpiDirection, type KpiThresholds } from '@customs-pulse/domain';

import { type AlertSeverity } from '../lifecycle/alert-notice.js';

/**
 * Whether `value` lies strictly on the bad side of `threshold`: above it when lower is better (`down`), below it when
 * higher is better (`up`). A value equal to a threshold has not crossed it.
 */
export function isBeyond(value: number, threshold: number, direction: KpiDirection): boolean {
  return direction === 'down' ? value > threshold : value < threshold;
}

/** The severity `value` deserves under `thresholds`; `null` when it is inside the warning threshold. */
export function severityOf(value: number, thresholds: KpiThresholds, direction: KpiDirection): AlertSeverity | null {
  if (isBeyond(value, thresholds.critical, direction)) return 'critical';
  if (isBeyond(value, thresholds.warning, direction)) return 'warning';
  return null;
}
