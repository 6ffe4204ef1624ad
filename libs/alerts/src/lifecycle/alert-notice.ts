/** Where an alert is in its lifecycle (api.md, `GET /api/alerts?status=`). */
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

/** How bad: a threshold alert starts at either and escalates from `warning` to `critical`, never back. */
export type AlertSeverity = 'warning' | 'critical';

/**
 * The rule that raised an alert (kpis.md, "Alerts"): `kpi_threshold` for a KPI's current value beyond its warning or
 * critical threshold, `red_to_green_reroute` and `significant_seizure` for the event rules.
 */
export type AlertRuleId = 'kpi_threshold' | 'red_to_green_reroute' | 'significant_seizure';

/** The stored event an event rule fired on. */
export interface AlertTrigger {
  readonly source: string;
  readonly id: string;
  readonly type: string;
  readonly subject: string;
  /** Its position in the global log. */
  readonly position: number;
}

/** What a rule saw when it raised an alert: `AlertRaised` carries it, and the alert shows it. */
export interface AlertObservation {
  /** The value beyond the threshold (at the last escalation), the seizure's value, or `null` for a reroute. */
  readonly value: number | null;
  /** The threshold crossed, `SEIZURE_ALERT_VALUE` for a value-triggered seizure, or `null`. */
  readonly threshold: number | null;
  /** Observations behind `value` for a threshold alert, `null` for an event rule. */
  readonly n: number | null;
  /** Log position of the observation (threshold) or event (event rule) that raised the alert. */
  readonly position: number;
  /** The event an event rule fired on; `null` for a threshold alert. */
  readonly trigger: AlertTrigger | null;
  /** What the rule saw, for a reader: lanes and officer of a reroute, category and reasons of a seizure. */
  readonly details: Readonly<Record<string, unknown>>;
}

/**
 * An alert as `GET /api/alerts` answers it and as `alert.raised|updated|resolved` push it to risk clients: both read
 * the same object, folded by libs/alerts from the `Alert*` events in the store.
 */
export interface AlertNotice extends AlertObservation {
  /** Derived from what raised it, so that raising it again is a duplicate in the store (libs/alerts). */
  readonly id: string;
  readonly rule: AlertRuleId;
  /** The KPI of a threshold alert; absent for an event rule. */
  readonly kpiId?: string;
  /** The slice: `{}` for the total, `{office}` for an office. */
  readonly filters: Readonly<Record<string, string>>;
  readonly severity: AlertSeverity;
  readonly status: AlertStatus;
  /** When the condition was seen: the time the log reached the batch that showed it. RFC 3339 UTC. */
  readonly raisedAt: string;
  readonly escalatedAt: string | null;
  readonly acknowledgedAt: string | null;
  /** The `sub` of the acknowledging token. */
  readonly acknowledgedBy: string | null;
  readonly note: string | null;
  readonly resolvedAt: string | null;
  /** The value back inside the warning threshold that resolved it. */
  readonly resolvedValue: number | null;
}

/** What happened to an alert: pushed as `alert.raised`, `alert.updated` or `alert.resolved`. */
export type AlertChange = 'raised' | 'updated' | 'resolved';
