import { type KpiId, type SystemEventType } from '@customs-pulse/domain';
import { type EventToAppend } from '@customs-pulse/event-store';

import {
  ALERT_EVENT_SOURCE,
  type AlertAcknowledgedData,
  type AlertRaisedData,
  type AlertResolvedData,
  type KpiThresholdChangedData,
} from './alert-event-data.js';
import { alertEventId, thresholdChangeId } from './alert-ids.js';

/**
 * The events the alert lifecycle appends (events.md, "Events the system writes itself"). Each is a pure function of
 * its arguments: the same decision always builds the same event, which the store's `(source, id)` dedupe then
 * recognises as a duplicate rather than a second alert.
 */

/** A new alert. */
export function alertRaised(alertId: string, data: AlertRaisedData, time: string): EventToAppend {
  return systemEvent('AlertRaised', alertEventId(alertId, 'raised'), alertId, time, data);
}

/** A warning alert escalated to critical. */
export function alertEscalated(alertId: string, data: AlertRaisedData & { readonly escalatedFrom: 'warning' }, time: string): EventToAppend {
  return systemEvent('AlertRaised', alertEventId(alertId, 'escalated'), alertId, time, data);
}

/** The risk unit has seen the alert. */
export function alertAcknowledged(alertId: string, data: AlertAcknowledgedData, time: string): EventToAppend {
  return systemEvent('AlertAcknowledged', alertEventId(alertId, 'acknowledged'), alertId, time, data);
}

/** The value is back inside the warning threshold. */
export function alertResolved(alertId: string, data: AlertResolvedData, time: string): EventToAppend {
  return systemEvent('AlertResolved', alertEventId(alertId, 'resolved'), alertId, time, data);
}

/** New thresholds for a KPI, its `revision`-th change. */
export function kpiThresholdChanged(kpiId: KpiId, revision: number, data: KpiThresholdChangedData, time: string): EventToAppend {
  return systemEvent('KpiThresholdChanged', thresholdChangeId(kpiId, revision), kpiId, time, data);
}

function systemEvent(type: SystemEventType, id: string, subject: string, time: string, data: object): EventToAppend {
  return { id, source: ALERT_EVENT_SOURCE, type, subject, time, data: withoutUndefined(data), extensions: {} };
}

/** Canonical JSON has no `undefined`; an absent field must stay absent for a repeat to be the same content. */
function withoutUndefined(data: object): Readonly<Record<string, unknown>> {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
}

