import { describe, expect, it } from '@jest/globals';
import { type KpiId } from '@customs-pulse/domain';
import { type EventToAppend } from '@customs-pulse/event-store';
import { anEvent } from '@customs-pulse/testing';

import { AlertLedger } from '../ledger/alert-ledger.js';
import { DEFAULT_ALERT_RULE_SETTINGS } from '../rules/alert-rule-settings.js';
import { observed, storedAt, thresholdsChangedAt } from '../testing/observed-events.js';
import { type ObservedBatch, type ObservedEvent, type SliceReading } from './observed-batch.js';
import { planAlertEvents } from './plan-alert-events.js';

const reading = (kpiId: KpiId, value: number | null, n: number, office?: string): SliceReading => ({
  kpiId,
  filters: office === undefined ? {} : { office },
  value,
  n,
});

function batchAt(position: number, readings: readonly SliceReading[], events: readonly ObservedEvent[] = [], offices: Record<string, string> = {}): ObservedBatch {
  return { position, at: `2026-03-01T10:00:${String(position % 60).padStart(2, '0')}.000Z`, readings, events, officeOfDeclaration: new Map(Object.entries(offices)) };
}

/** Folds what was planned as if the store had appended it, each at the next position after `from`. */
function record(ledger: AlertLedger, planned: readonly EventToAppend[], from: number): void {
  planned.forEach((event, index) => ledger.fold(storedAt(event, from + index + 1)));
}

const plan = (batch: ObservedBatch, ledger: AlertLedger) => planAlertEvents(batch, ledger, DEFAULT_ALERT_RULE_SETTINGS);

describe('planning the threshold alerts of a batch', () => {
  it('raises one alert for the office and one for the total, each for its own slice', () => {
    const planned = plan(batchAt(40, [reading('release_time_mean', 58, 20, 'UZ-TAS'), reading('release_time_mean', 30, 25)]), new AlertLedger());

    expect(planned.map(({ type, subject, data }) => ({ type, subject, severity: data['severity'], filters: data['filters'] }))).toEqual([
      { type: 'AlertRaised', subject: expect.stringMatching(/^alert:kpi_threshold:release_time_mean:[0-9a-f]{12}:40$/), severity: 'critical', filters: { office: 'UZ-TAS' } },
      { type: 'AlertRaised', subject: 'alert:kpi_threshold:release_time_mean:total:40', severity: 'warning', filters: {} },
    ]);
    expect(planned[0]).toMatchObject({
      id: `${planned[0]!.subject}/raised`,
      source: 'urn:customs-pulse:alerts',
      time: '2026-03-01T10:00:40.000Z',
      data: { rule: 'kpi_threshold', kpiId: 'release_time_mean', value: 58, threshold: 48, n: 20, position: 40, trigger: null, details: { direction: 'down', thresholds: { warning: 24, critical: 48 } } },
    });
  });

  it('raises nothing more for a slice whose alert is active: one open alert per KPI and slice', () => {
    const ledger = new AlertLedger();
    record(ledger, plan(batchAt(40, [reading('release_time_mean', 30, 20, 'UZ-TAS')]), ledger), 40);

    expect(plan(batchAt(50, [reading('release_time_mean', 35, 22, 'UZ-TAS')]), ledger)).toEqual([]);
  });

  it('escalates the active warning under the same alert id when the value crosses critical', () => {
    const ledger = new AlertLedger();
    const [raised] = plan(batchAt(40, [reading('release_time_mean', 30, 20, 'UZ-TAS')]), ledger);
    record(ledger, [raised!], 40);

    const [escalated] = plan(batchAt(50, [reading('release_time_mean', 60, 24, 'UZ-TAS')]), ledger);

    expect(escalated).toMatchObject({ type: 'AlertRaised', subject: raised!.subject, id: `${raised!.subject}/escalated`, data: { severity: 'critical', escalatedFrom: 'warning', value: 60, threshold: 48 } });
  });

  it('resolves the active alert under its id when the value is back inside the warning threshold', () => {
    const ledger = new AlertLedger();
    const [raised] = plan(batchAt(40, [reading('release_time_mean', 58, 20, 'UZ-TAS')]), ledger);
    record(ledger, [raised!], 40);

    const planned = plan(batchAt(60, [reading('release_time_mean', 20, 60, 'UZ-TAS')]), ledger);

    expect(planned).toEqual([
      expect.objectContaining({ type: 'AlertResolved', subject: raised!.subject, id: `${raised!.subject}/resolved`, data: { value: 20, n: 60, position: 60 } }),
    ]);
    record(ledger, planned, 60);
    expect(plan(batchAt(70, [reading('release_time_mean', 58, 61, 'UZ-TAS')]), ledger)).toEqual([
      expect.objectContaining({ type: 'AlertRaised', subject: expect.stringMatching(/:70$/) }),
    ]);
  });

  it('plans the very same events, ids and content, when the same batch is judged again against the same state', () => {
    const batch = batchAt(40, [reading('release_time_p90', 120, 30, 'UZ-TAS'), reading('green_lane_rate', 0.4, 50)]);

    expect(plan(batch, new AlertLedger())).toEqual(plan(batch, new AlertLedger()));
  });

  it('judges a batch by the thresholds in force at its position', () => {
    const ledger = new AlertLedger();
    ledger.fold(thresholdsChangedAt('release_time_mean', { warning: 30, critical: 60 }, 100));

    expect(plan(batchAt(99, [reading('release_time_mean', 28, 20)]), ledger)).toHaveLength(1);
    expect(plan(batchAt(101, [reading('release_time_mean', 28, 20)]), ledger)).toEqual([]);
  });

  it('judges each KPI and slice once, however often the batch lists it', () => {
    expect(plan(batchAt(40, [reading('backlog', 700, 700), reading('backlog', 700, 700)]), new AlertLedger())).toHaveLength(1);
  });
});

describe('planning the event-rule alerts of a batch', () => {
  const drugs = observed(anEvent.seizureRecorded('CASE-9', { officeId: 'UZ-TAS', category: 'DRUGS' }), 33, '2026-03-01T09:59:00.000Z');
  const redToGreen = observed(anEvent.laneRerouted('DEC-4', { fromLane: 'RED', toLane: 'GREEN' }), 34);

  it('raises an alert per triggering event, stamped with when the event was stored and naming it', () => {
    const planned = plan(batchAt(34, [], [drugs, redToGreen], { 'DEC-4': 'UZ-SAM' }), new AlertLedger());

    expect(planned).toEqual([
      expect.objectContaining({
        type: 'AlertRaised',
        time: '2026-03-01T09:59:00.000Z',
        data: expect.objectContaining({
          rule: 'significant_seizure',
          filters: { office: 'UZ-TAS' },
          position: 33,
          trigger: { source: drugs.source, id: drugs.id, type: 'SeizureRecorded', subject: 'CASE-9', position: 33 },
        }),
      }),
      expect.objectContaining({ data: expect.objectContaining({ rule: 'red_to_green_reroute', filters: { office: 'UZ-SAM' }, severity: 'warning' }) }),
    ]);
  });

  it('raises nothing for an event whose alert the log already holds: a batch observed again after a crash', () => {
    const ledger = new AlertLedger();
    record(ledger, plan(batchAt(34, [], [drugs]), ledger), 34);

    expect(plan(batchAt(34, [], [drugs]), ledger)).toEqual([]);
  });

  it('raises nothing for events no rule fires on', () => {
    expect(plan(batchAt(2, [], [observed(anEvent.goodsArrived('DEC-1'), 1), observed(anEvent.seizureRecorded('CASE-1'), 2)]), new AlertLedger())).toEqual([]);
  });
});
