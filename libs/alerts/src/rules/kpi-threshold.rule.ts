import { type KpiDirection, type KpiThresholds } from '@customs-pulse/domain';

import { type AlertSeverity } from '../lifecycle/alert-notice.js';

import { severityOf } from './severity.js';

/** What the threshold rule looks at for one KPI and slice. */
export interface ThresholdCase {
  /** The KPI's current value in the slice and the observations behind it. */
  readonly reading: { readonly value: number | null; readonly n: number };
  /** The thresholds in force; `null` for a KPI without any. */
  readonly thresholds: KpiThresholds | null;
  readonly direction: KpiDirection;
  /** The severity of the alert active (open or acknowledged) for this KPI and slice; `null` when there is none. */
  readonly active: AlertSeverity | null;
  /** `ALERT_MIN_OBSERVATIONS`. */
  readonly minObservations: number;
}

/** Why the rule leaves things as they are. */
export type KeepReason = 'no_thresholds' | 'no_value' | 'too_few_observations' | 'unchanged';

/** What the threshold rule decides for one KPI and slice. */
export type ThresholdVerdict =
  | { readonly action: 'raise'; readonly severity: AlertSeverity; readonly threshold: number }
  | { readonly action: 'escalate'; readonly threshold: number }
  | { readonly action: 'resolve' }
  | { readonly action: 'keep'; readonly why: KeepReason };

/**
 * The threshold rule of kpis.md, for one KPI and slice: raise at `warning` or `critical` when the value crosses a
 * threshold in the bad direction, escalate an active warning to critical, resolve when the value is back inside the
 * warning threshold. At most one alert is active per KPI and slice, so an active alert is escalated or resolved, never
 * raised again. A critical alert whose value eases to the warning band stays critical until it resolves: severity
 * only goes up, so the risk unit is not told the same incident three times.
 */
export function judgeKpiThreshold({ reading, thresholds, direction, active, minObservations }: ThresholdCase): ThresholdVerdict {
  if (thresholds === null) return keep('no_thresholds');
  if (reading.value === null) return keep('no_value');
  // Too little evidence either way: a handful of declarations neither raises an alert nor clears one.
  if (reading.n < minObservations) return keep('too_few_observations');
  const severity = severityOf(reading.value, thresholds, direction);
  if (active === null) {
    return severity === null ? keep('unchanged') : { action: 'raise', severity, threshold: thresholds[severity] };
  }
  if (severity === null) return { action: 'resolve' };
  if (active === 'warning' && severity === 'critical') return { action: 'escalate', threshold: thresholds.critical };
  return keep('unchanged');
}

function keep(why: KeepReason): ThresholdVerdict {
  return { action: 'keep', why };
}
