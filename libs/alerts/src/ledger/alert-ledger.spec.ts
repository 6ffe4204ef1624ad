import { describe, expect, it } from '@jest/globals';

import { type AlertRaisedData } from '../events/alert-event-data.js';
import { alertAcknowledged, alertEscalated, alertRaised, alertResolved } from '../events/alert-events.js';
import { storedAt, thresholdsChangedAt } from '../testing/observed-events.js';
import { AlertLedger } from './alert-ledger.js';

const ALERT = 'alert:kpi_threshold:release_time_mean:abc:10';
const raise: AlertRaisedData = {
  rule: 'kpi_threshold',
  kpiId: 'release_time_mean',
  filters: { office: 'UZ-TAS' },
  severity: 'warning',
  value: 30,
  threshold: 24,
  n: 20,
  position: 10,
  trigger: null,
  details: { direction: 'down' },
};

/** Given a ledger that folded these events. */
function ledgerGiven(...events: Parameters<AlertLedger['fold']>[0][]): AlertLedger {
  const ledger = new AlertLedger();
  for (const event of events) ledger.fold(event);
  return ledger;
}

const raised = storedAt(alertRaised(ALERT, raise, '2026-03-01T10:00:00.000Z'), 11);

describe('the alert ledger', () => {
  it('opens an alert on AlertRaised, active for its KPI and slice, and reports it raised', () => {
    const ledger = new AlertLedger();

    const change = ledger.fold(raised);

    expect(change).toMatchObject({ change: 'raised', alert: { id: ALERT, status: 'open', severity: 'warning', raisedAt: '2026-03-01T10:00:00.000Z' } });
    expect(ledger.activeFor('release_time_mean', 'office=UZ-TAS')?.id).toBe(ALERT);
    expect(ledger.activeFor('release_time_mean', '')).toBeUndefined();
    expect(ledger.activeSlicesOf('release_time_mean')).toEqual([{ office: 'UZ-TAS' }]);
  });

  it('changes nothing when the same event is folded again (seen appended, then in a projected batch)', () => {
    const ledger = ledgerGiven(raised);

    expect(ledger.fold(raised)).toBeNull();
    expect(ledger.list()).toHaveLength(1);
  });

  it('escalates on the alert’s second AlertRaised, at critical', () => {
    const ledger = ledgerGiven(raised);

    const change = ledger.fold(
      storedAt(alertEscalated(ALERT, { ...raise, severity: 'critical', value: 50, threshold: 48, escalatedFrom: 'warning' }, '2026-03-01T11:00:00.000Z'), 20),
    );

    expect(change).toMatchObject({ change: 'updated', alert: { severity: 'critical', value: 50, threshold: 48, escalatedAt: '2026-03-01T11:00:00.000Z' } });
  });

  it('records an acknowledgement, keeping the alert active for its slice', () => {
    const ledger = ledgerGiven(raised);

    const change = ledger.fold(storedAt(alertAcknowledged(ALERT, { by: 'risk-1', note: 'on it' }, '2026-03-01T10:05:00.000Z'), 12));

    expect(change).toMatchObject({ change: 'updated', alert: { status: 'acknowledged', acknowledgedAt: '2026-03-01T10:05:00.000Z', acknowledgedBy: 'risk-1', note: 'on it' } });
    expect(ledger.activeFor('release_time_mean', 'office=UZ-TAS')?.id).toBe(ALERT);
  });

  it('keeps an acknowledged alert active: it still escalates, and stays acknowledged', () => {
    const ledger = ledgerGiven(raised, storedAt(alertAcknowledged(ALERT, { by: 'risk-1', note: null }, '2026-03-01T10:05:00.000Z'), 12));

    const change = ledger.fold(
      storedAt(alertEscalated(ALERT, { ...raise, severity: 'critical', value: 50, threshold: 48, escalatedFrom: 'warning' }, '2026-03-01T11:00:00.000Z'), 20),
    );

    expect(change).toMatchObject({ change: 'updated', alert: { status: 'acknowledged', severity: 'critical' } });
  });

  it('frees the slice when the alert resolves, and lists it by status', () => {
    const ledger = ledgerGiven(raised);

    const change = ledger.fold(storedAt(alertResolved(ALERT, { value: 12, n: 60, position: 30 }, '2026-03-01T12:00:00.000Z'), 31));

    expect(change).toMatchObject({ change: 'resolved', alert: { status: 'resolved', resolvedAt: '2026-03-01T12:00:00.000Z', resolvedValue: 12 } });
    expect(ledger.activeFor('release_time_mean', 'office=UZ-TAS')).toBeUndefined();
    expect(ledger.list('resolved').map(({ id }) => id)).toEqual([ALERT]);
    expect(ledger.list('open')).toEqual([]);
  });

  it('neither acknowledges nor escalates a resolved alert', () => {
    const ledger = ledgerGiven(raised, storedAt(alertResolved(ALERT, { value: 12, n: 60, position: 30 }, '2026-03-01T12:00:00.000Z'), 31));

    expect(ledger.fold(storedAt(alertAcknowledged(ALERT, { by: null, note: null }, '2026-03-01T12:05:00.000Z'), 32))).toBeNull();
    expect(ledger.alert(ALERT)?.status).toBe('resolved');
  });

  it('lists the newest raised first', () => {
    const seizure = storedAt(alertRaised('alert:significant_seizure:x', { ...raise, rule: 'significant_seizure', kpiId: undefined, n: null }, '2026-03-01T10:30:00.000Z'), 15);
    const ledger = ledgerGiven(raised, seizure);

    expect(ledger.list().map(({ id }) => id)).toEqual(['alert:significant_seizure:x', ALERT]);
    expect(ledger.alert('alert:significant_seizure:x')).not.toHaveProperty('kpiId');
  });

  it('knows the thresholds in force at each position: the catalogue’s until a change, the change from its position on', () => {
    const ledger = ledgerGiven(thresholdsChangedAt('release_time_mean', { warning: 30, critical: 60 }, 100));

    expect(ledger.thresholdsAt('release_time_mean', 99)).toEqual({ warning: 24, critical: 48 });
    expect(ledger.thresholdsAt('release_time_mean', 100)).toEqual({ warning: 30, critical: 60 });
    expect(ledger.thresholdsAt('release_time_mean')).toEqual({ warning: 30, critical: 60 });
    expect(ledger.thresholdRevision('release_time_mean')).toBe(1);
    expect(ledger.thresholdsAt('duties_assessed')).toBeNull();
  });
});
