import { createHash } from 'node:crypto';

import { type KpiId } from '@customs-pulse/domain';

import { type AlertRuleId } from '../lifecycle/alert-notice.js';

/** The steps of an alert's life, each written at most once, so each has one event id. */
export type AlertStep = 'raised' | 'escalated' | 'acknowledged' | 'resolved';

/**
 * The id of a threshold alert: its KPI, slice and the log position of the batch whose value raised it. The same
 * observation of the same batch always yields the same id, so a repeated raise is a duplicate in the store. The
 * slice is digested because office ids are free text and alert ids must be valid subjects (events.md).
 */
export function thresholdAlertId(kpiId: KpiId, sliceKey: string, position: number): string {
  return `alert:kpi_threshold:${kpiId}:${sliceKey === '' ? 'total' : digest(sliceKey, 12)}:${position}`;
}

/**
 * The id of an event-rule alert: its rule and the identity `(source, id)` of the event it fired on, which the store
 * keeps unique. Independent of arrival order and of position, so a re-ingest of the same events gives the same ids.
 */
export function eventAlertId(rule: AlertRuleId, event: { readonly source: string; readonly id: string }): string {
  return `alert:${rule}:${digest(JSON.stringify([event.source, event.id]), 24)}`;
}

/** The event id of one step of an alert's life. */
export function alertEventId(alertId: string, step: AlertStep): string {
  return `${alertId}/${step}`;
}

/** The event id of a KPI's `revision`-th threshold change (1 for the first): two concurrent changes conflict. */
export function thresholdChangeId(kpiId: KpiId, revision: number): string {
  return `thresholds:${kpiId}:${revision}`;
}

function digest(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}
