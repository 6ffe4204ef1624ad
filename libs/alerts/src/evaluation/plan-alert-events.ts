import { type KpiId, kpiById } from '@customs-pulse/domain';
import { type EventToAppend } from '@customs-pulse/event-store';
import { sliceKey } from '@customs-pulse/kpi';

import { type AlertNotice } from '../lifecycle/alert-notice.js';

import { alertEscalated, alertRaised, alertResolved } from '../events/alert-events.js';
import { eventAlertId, thresholdAlertId } from '../events/alert-ids.js';
import { type AlertLedgerView } from '../ledger/alert-ledger.js';
import { type AlertRuleSettings } from '../rules/alert-rule-settings.js';
import { judgeKpiThreshold } from '../rules/kpi-threshold.rule.js';
import { redToGreenReroute } from '../rules/red-to-green-reroute.rule.js';
import { significantSeizure } from '../rules/significant-seizure.rule.js';
import { type ObservedBatch, type SliceReading } from './observed-batch.js';

/**
 * The alert events one observed batch calls for, given the alert state folded from the log so far: a pure function,
 * so the same batch against the same state always plans the same events, ids and content alike.
 */
export function planAlertEvents(batch: ObservedBatch, ledger: AlertLedgerView, settings: AlertRuleSettings): EventToAppend[] {
  return [...thresholdEvents(batch, ledger, settings), ...eventRuleEvents(batch, ledger, settings)];
}

function thresholdEvents(batch: ObservedBatch, ledger: AlertLedgerView, { minObservations }: AlertRuleSettings): EventToAppend[] {
  const planned: EventToAppend[] = [];
  const judged = new Set<string>();
  for (const reading of batch.readings) {
    const slice = sliceKey(reading.filters);
    const key = `${reading.kpiId}\u0000${slice}`;
    if (judged.has(key)) continue;
    judged.add(key);
    const event = thresholdEvent(batch, reading, slice, ledger, minObservations);
    if (event !== null) planned.push(event);
  }
  return planned;
}

function thresholdEvent(batch: ObservedBatch, reading: SliceReading, slice: string, ledger: AlertLedgerView, minObservations: number): EventToAppend | null {
  const { kpiId, filters, value, n } = reading;
  const { direction } = kpiById(kpiId);
  const thresholds = ledger.thresholdsAt(kpiId, batch.position);
  const active = ledger.activeFor(kpiId, slice);
  const verdict = judgeKpiThreshold({ reading, thresholds, direction, active: active?.severity ?? null, minObservations });
  const details = { direction, thresholds };
  switch (verdict.action) {
    case 'raise':
      return alertRaised(
        thresholdAlertId(kpiId, slice, batch.position),
        { rule: 'kpi_threshold', kpiId, filters, severity: verdict.severity, value, threshold: verdict.threshold, n, position: batch.position, trigger: null, details },
        batch.at,
      );
    case 'escalate':
      return alertEscalated(
        requireActive(active, kpiId).id,
        { rule: 'kpi_threshold', kpiId, filters, severity: 'critical', value, threshold: verdict.threshold, n, position: batch.position, trigger: null, details, escalatedFrom: 'warning' },
        batch.at,
      );
    case 'resolve':
      return alertResolved(requireActive(active, kpiId).id, { value, n, position: batch.position }, batch.at);
    case 'keep':
      return null;
  }
}

function eventRuleEvents(batch: ObservedBatch, ledger: AlertLedgerView, { seizureAlertValue }: AlertRuleSettings): EventToAppend[] {
  const planned: EventToAppend[] = [];
  const raised = new Set<string>();
  for (const event of batch.events) {
    const alert =
      redToGreenReroute(event, batch.officeOfDeclaration.get(event.subject) ?? null) ?? significantSeizure(event, seizureAlertValue);
    if (alert === null) continue;
    const id = eventAlertId(alert.rule, event);
    // Already raised (before a crash, or by an overlapping batch): the ledger, folded from the log, knows it.
    if (ledger.alert(id) !== undefined || raised.has(id)) continue;
    raised.add(id);
    const { source, type, subject, position } = event;
    planned.push(
      alertRaised(
        id,
        { ...alert, n: null, position, trigger: { source, id: event.id, type, subject, position } },
        // When the system learned of the event: a fact of the log, unlike the clock.
        event.recordedAt,
      ),
    );
  }
  return planned;
}

function requireActive(active: AlertNotice | undefined, kpiId: KpiId): AlertNotice {
  if (active === undefined) throw new Error(`the threshold rule acted on no active alert of ${kpiId}`);
  return active;
}
