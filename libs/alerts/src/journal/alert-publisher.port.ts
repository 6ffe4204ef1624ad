import { type AlertChange, type AlertNotice } from '@customs-pulse/realtime';

/** Dependency-injection token for the {@link AlertPublisher} port. */
export const ALERT_PUBLISHER = Symbol('AlertPublisher');

/**
 * Where alert changes go as they are recorded (api.md: `alert.raised|updated|resolved` to risk clients): the live
 * hub when the gateway runs in the same process. Called after the change is stored, never before.
 */
export interface AlertPublisher {
  publish(change: AlertChange, alert: AlertNotice): void;
}

/** Tells nobody: for a process without live clients (a test, a command). */
export const SILENT_ALERT_PUBLISHER: AlertPublisher = { publish: () => undefined };
