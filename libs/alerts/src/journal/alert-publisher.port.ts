import { type AlertChange, type AlertNotice } from '../lifecycle/alert-notice.js';

/**
 * Where alert changes go as they are recorded (api.md: `alert.raised|updated|resolved` to risk clients): the live
 * hub (libs/realtime's `LiveHub` is one) when the gateway runs in the same process. Called after the change is stored,
 * never before.
 */
export interface AlertPublisher {
  publishAlert(change: AlertChange, alert: AlertNotice): void;
}

/** Tells nobody: for a process without live clients (the distributed projector, a test, a command). */
export const SILENT_ALERT_PUBLISHER: AlertPublisher = { publishAlert: () => undefined };
