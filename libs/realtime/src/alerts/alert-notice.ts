/** Where an alert is in its lifecycle (api.md, `GET /api/alerts?status=`). */
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

/**
 * An alert as dashboards receive it: what `GET /api/alerts` answers for it. Only `id` and `status` are fixed here;
 * the alert lifecycle (libs/alerts) brings the rest (`rule`, `kpiId`, `filters`, `severity`, `raisedAt`, `value`,
 * `threshold`, ...), which the gateway passes on untouched.
 */
export interface AlertNotice {
  readonly id: string;
  readonly status: AlertStatus;
  readonly [field: string]: unknown;
}

/** What happened to an alert: pushed as `alert.raised`, `alert.updated` or `alert.resolved`. */
export type AlertChange = 'raised' | 'updated' | 'resolved';
