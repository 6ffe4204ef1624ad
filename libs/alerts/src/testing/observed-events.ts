import { type KpiId, type KpiThresholds, validateEvent } from '@customs-pulse/domain';
import { type EventToAppend } from '@customs-pulse/event-store';

import { type AlertLedgerEvent } from '../ledger/alert-ledger.js';
import { type ObservedEvent } from '../evaluation/observed-batch.js';
import { kpiThresholdChanged } from '../events/alert-events.js';

/** A clock far enough ahead that no test event is refused as being from the future. */
const FAR_FUTURE = { now: () => new Date('2100-01-01T00:00:00.000Z') };

/**
 * A raw CloudEvent (as `anEvent.*` builds it) as the store would hand it over: validated, at `position`, stored at
 * `recordedAt` (by default its own `time`).
 * @throws Error for an event ingest would refuse.
 */
export function observed(raw: Readonly<Record<string, unknown>>, position: number, recordedAt?: string): ObservedEvent & AlertLedgerEvent {
  const validation = validateEvent(raw, { clock: FAR_FUTURE, reportingCurrency: 'USD' });
  if (!validation.ok) throw new Error(`invalid test event: ${JSON.stringify(validation.errors)}`);
  const { event } = validation;
  return { ...event, position, recordedAt: recordedAt ?? event.time };
}

/** An event the alert lifecycle appended, as stored at `position`. */
export function storedAt(event: EventToAppend, position: number): AlertLedgerEvent {
  return { ...event, position };
}

/** A `KpiThresholdChanged` stored at `position`. */
export function thresholdsChangedAt(kpiId: KpiId, thresholds: KpiThresholds, position: number, revision = 1): AlertLedgerEvent {
  const event = kpiThresholdChanged(kpiId, revision, { kpiId, ...thresholds, previous: null, by: 'admin' }, '2026-03-01T08:00:00.000Z');
  return storedAt(event, position);
}
