import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';

import { bucketValue, engineGiven, march, stored } from './testing/stored-events.js';

const on = (day: number, time: string) => ({ time: march(day, time) });
const HOUR_10 = march(2, '10:00');
const HOUR_11 = march(2, '11:00');

const DUTIES = [
  // D1 in office O1: assessed 1000; paid 600 electronically and 400 by bank
  anEvent.declarationLodged('D1', { officeId: 'O1' }, on(2, '08:00')),
  anEvent.dutiesAssessed('D1', { amount: 1000 }, on(2, '10:10')),
  anEvent.dutiesPaid('D1', { amount: 600, method: 'ELECTRONIC' }, on(2, '10:20')),
  anEvent.dutiesPaid('D1', { amount: 400, method: 'BANK' }, on(2, '10:40')),
  // D2 in office O2: assessed 500 at 10:30, paid 500 cash at 11:15, and 200 more assessed at 11:30
  anEvent.goodsArrived('D2', { officeId: 'O2' }, on(2, '08:00')),
  anEvent.dutiesAssessed('D2', { amount: 500 }, on(2, '10:30')),
  anEvent.dutiesPaid('D2', { amount: 500, method: 'CASH' }, on(2, '11:15')),
  anEvent.dutiesAssessed('D2', { amount: 200 }, on(2, '11:30')),
  // D3, office unknown: assessed 300.25 at 09:00, paid electronically at 10:50
  anEvent.dutiesAssessed('D3', { amount: 300.25 }, on(2, '09:00')),
  anEvent.dutiesPaid('D3', { amount: 300.25, method: 'ELECTRONIC' }, on(2, '10:50')),
];

describe('revenue KPIs, at event time, sliced by the office of the declaration when known', () => {
  const engine = engineGiven(DUTIES);

  it('duties_assessed: sum of DutiesAssessed.amount, n = events', () => {
    // 1000 + 500
    expect(bucketValue(engine, 'duties_assessed', 'hour', HOUR_10)).toEqual({ value: 1500, n: 2 });
    expect(bucketValue(engine, 'duties_assessed', 'hour', HOUR_10, { office: 'O1' })).toEqual({ value: 1000, n: 1 });
  });

  it('duties_collected: sum of DutiesPaid.amount, n = events', () => {
    // 600 + 400 + 300.25
    expect(bucketValue(engine, 'duties_collected', 'hour', HOUR_10)).toEqual({ value: 1300.25, n: 3 });
    // D3's office is unknown: in the total only. O2 (from GoodsArrived) paid nothing at 10
    expect(bucketValue(engine, 'duties_collected', 'hour', HOUR_10, { office: 'O2' })).toEqual({ value: 0, n: 0 });
  });

  it('collection_rate: collected / assessed over the same window and slice; n = assessments', () => {
    // 1300.25 / 1500
    expect(bucketValue(engine, 'collection_rate', 'hour', HOUR_10)).toEqual({ value: 1300.25 / 1500, n: 2 });
    // O1: 1000 / 1000
    expect(bucketValue(engine, 'collection_rate', 'hour', HOUR_10, { office: 'O1' })).toEqual({ value: 1, n: 1 });
  });

  it('collection_rate exceeds 1 when payments settle assessments of an earlier window', () => {
    // O2 at 11: paid 500 against 200 assessed in that hour: 500 / 200 = 2.5
    expect(bucketValue(engine, 'collection_rate', 'hour', HOUR_11, { office: 'O2' })).toEqual({ value: 2.5, n: 1 });
  });

  it('collection_rate over a day: sums of the day', () => {
    // (1300.25 + 500) / (1500 + 200 + 300.25) = 1800.25 / 2000.25
    expect(bucketValue(engine, 'collection_rate', 'day', march(2, '00:00'))).toEqual({ value: 1800.25 / 2000.25, n: 4 });
  });

  it('collection_rate is null without an assessment, even with payments', () => {
    const paidOnly = engineGiven([anEvent.dutiesPaid('D1', { amount: 10 }, on(2, '10:00'))]);
    expect(bucketValue(paidOnly, 'collection_rate', 'hour', HOUR_10)).toEqual({ value: null, n: 0 });
  });

  it('epayment_share: electronic payments over all payments, by amount; n = payments', () => {
    // (600 + 300.25) / 1300.25 = 900.25 / 1300.25
    expect(bucketValue(engine, 'epayment_share', 'hour', HOUR_10)).toEqual({ value: 900.25 / 1300.25, n: 3 });
    // O1: 600 / 1000
    expect(bucketValue(engine, 'epayment_share', 'hour', HOUR_10, { office: 'O1' })).toEqual({ value: 0.6, n: 2 });
  });

  it('counts duties of a cancelled declaration: money that moved', () => {
    const cancelled = engineGiven([...DUTIES, anEvent.declarationCancelled('D1', {}, on(2, '12:00'))]);
    expect(bucketValue(cancelled, 'duties_assessed', 'hour', HOUR_10)).toEqual({ value: 1500, n: 2 });
  });

  it('moves a payment into its office slice when a late DeclarationLodged reveals the office', () => {
    const engine = engineGiven([anEvent.dutiesPaid('D5', { amount: 100 }, on(2, '10:00'))]);
    expect(bucketValue(engine, 'duties_collected', 'hour', HOUR_10, { office: 'O3' })).toEqual({ value: 0, n: 0 });
    engine.apply(stored(anEvent.declarationLodged('D5', { officeId: 'O3' }, on(2, '09:00'))));
    expect(bucketValue(engine, 'duties_collected', 'hour', HOUR_10, { office: 'O3' })).toEqual({ value: 100, n: 1 });
    expect(bucketValue(engine, 'duties_collected', 'hour', HOUR_10)).toEqual({ value: 100, n: 1 });
  });

  it('moves a payment from the office of arrival to the office of lodgement', () => {
    const engine = engineGiven([
      anEvent.goodsArrived('D6', { officeId: 'O4' }, on(2, '08:00')),
      anEvent.dutiesPaid('D6', { amount: 70 }, on(2, '10:00')),
      anEvent.declarationLodged('D6', { officeId: 'O5' }, on(2, '09:00')),
    ]);
    expect(bucketValue(engine, 'duties_collected', 'hour', HOUR_10, { office: 'O4' })).toEqual({ value: 0, n: 0 });
    expect(bucketValue(engine, 'duties_collected', 'hour', HOUR_10, { office: 'O5' })).toEqual({ value: 70, n: 1 });
  });
});

describe('post-clearance audit KPIs, by the office on the audit', () => {
  const engine = engineGiven([
    anEvent.postClearanceAuditCompleted('A1', { officeId: 'O1', finding: 'NON_COMPLIANT', additionalAssessed: 2500.75 }, on(2, '10:05')),
    anEvent.postClearanceAuditCompleted('A2', { officeId: 'O1', finding: 'COMPLIANT', additionalAssessed: 0 }, on(2, '10:30')),
    anEvent.postClearanceAuditCompleted('A3', { officeId: 'O2', finding: 'NON_COMPLIANT', additionalAssessed: 1000 }, on(2, '10:45')),
  ]);

  it('pca_additional_revenue: sum of additionalAssessed, n = audits', () => {
    // 2500.75 + 0 + 1000
    expect(bucketValue(engine, 'pca_additional_revenue', 'hour', HOUR_10)).toEqual({ value: 3500.75, n: 3 });
    expect(bucketValue(engine, 'pca_additional_revenue', 'hour', HOUR_10, { office: 'O1' })).toEqual({ value: 2500.75, n: 2 });
  });

  it('pca_noncompliance_rate: share of audits finding NON_COMPLIANT', () => {
    // A1 and A3: 2 / 3
    expect(bucketValue(engine, 'pca_noncompliance_rate', 'hour', HOUR_10)).toEqual({ value: 2 / 3, n: 3 });
    // O1: A1: 1 / 2
    expect(bucketValue(engine, 'pca_noncompliance_rate', 'hour', HOUR_10, { office: 'O1' })).toEqual({ value: 0.5, n: 2 });
  });
});
