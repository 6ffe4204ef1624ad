import { type KpiId, type KpiThresholds } from '@customs-pulse/domain';

import { type AlertObservation, type AlertRuleId, type AlertSeverity } from '../lifecycle/alert-notice.js';

/** `source` of every event the alert lifecycle writes: `(source, id)` is the store's dedupe key for them too. */
export const ALERT_EVENT_SOURCE = 'urn:customs-pulse:alerts';

/**
 * `data` of `AlertRaised` (subject = alert id): everything a reader needs without the KPI read model. An escalation
 * is a second `AlertRaised` of the same alert, at `critical`, with `escalatedFrom`.
 */
export interface AlertRaisedData extends AlertObservation {
  readonly rule: AlertRuleId;
  /** Threshold alerts only. */
  readonly kpiId?: KpiId;
  readonly filters: Readonly<Record<string, string>>;
  readonly severity: AlertSeverity;
  /** Present on an escalation: the severity the alert had. */
  readonly escalatedFrom?: AlertSeverity;
}

/** `data` of `AlertAcknowledged` (subject = alert id). */
export interface AlertAcknowledgedData {
  /** The `sub` of the acknowledging token, `null` when it has none. */
  readonly by: string | null;
  readonly note: string | null;
}

/** `data` of `AlertResolved` (subject = alert id): the value back inside the warning threshold. */
export interface AlertResolvedData {
  readonly value: number | null;
  readonly n: number | null;
  /** Log position of the observation that resolved it. */
  readonly position: number;
}

/** `data` of `KpiThresholdChanged` (subject = KPI id). */
export interface KpiThresholdChangedData extends KpiThresholds {
  readonly kpiId: KpiId;
  /** The thresholds in force before, `null` when the KPI had none. */
  readonly previous: KpiThresholds | null;
  readonly by: string | null;
}
