import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';
import { givenEvents } from '@customs-pulse/testing/kpi';

import { bucketValue, engineGiven, march, relativeError } from './testing/stored-events.js';

const on = (day: number, time: string) => ({ time: march(day, time) });
const HOUR_10 = march(2, '10:00');

/** Four declarations released between 10:00 and 11:00 on 2 March. */
const RELEASED_AT_TEN = [
  // D1: release 10:00 - 20:00 the day before = 14 h; processing 10:00 - 00:00 = 10 h
  anEvent.goodsArrived('D1', {}, on(1, '20:00')),
  anEvent.declarationLodged('D1', {}, on(2, '00:00')),
  anEvent.goodsReleased('D1', {}, on(2, '10:00')),
  // D2: release 10:30 - 10:00 the day before = 24.5 h; processing 10:30 - 06:30 = 4 h
  anEvent.goodsArrived('D2', {}, on(1, '10:00')),
  anEvent.declarationLodged('D2', {}, on(2, '06:30')),
  anEvent.goodsReleased('D2', {}, on(2, '10:30')),
  // D3: release 10:45 - 09:15 = 1.5 h; processing 10:45 - 10:15 = 0.5 h
  anEvent.goodsArrived('D3', {}, on(2, '09:15')),
  anEvent.declarationLodged('D3', {}, on(2, '10:15')),
  anEvent.goodsReleased('D3', {}, on(2, '10:45')),
  // D4: release 10:50 - 02:50 = 8 h; processing 10:50 - 09:50 = 1 h
  anEvent.goodsArrived('D4', {}, on(2, '02:50')),
  anEvent.declarationLodged('D4', {}, on(2, '09:50')),
  anEvent.goodsReleased('D4', {}, on(2, '10:50')),
];

describe('release-time KPIs (TRS)', () => {
  const engine = engineGiven(RELEASED_AT_TEN);

  it('release_time_mean: mean of releasedAt - arrivedAt, in the hour of releasedAt', () => {
    // (14 + 24.5 + 1.5 + 8) / 4 = 48 / 4 = 12 h
    expect(bucketValue(engine, 'release_time_mean', 'hour', HOUR_10)).toEqual({ value: 12, n: 4 });
  });

  it('release_time_p50: nearest rank ceil(0.5 * 4) = 2 of [1.5, 8, 14, 24.5], within 1%', () => {
    const { value, n } = bucketValue(engine, 'release_time_p50', 'hour', HOUR_10);
    // rank 2 -> 8 h
    expect(relativeError(value, 8)).toBeLessThanOrEqual(0.01);
    expect(n).toBe(4);
  });

  it('release_time_p90: nearest rank ceil(0.9 * 4) = 4 of [1.5, 8, 14, 24.5], within 1%', () => {
    const { value, n } = bucketValue(engine, 'release_time_p90', 'hour', HOUR_10);
    // rank 4 -> 24.5 h
    expect(relativeError(value, 24.5)).toBeLessThanOrEqual(0.01);
    expect(n).toBe(4);
  });

  it('released_within_target_rate: share of release times <= 24 h by default', () => {
    // 14, 1.5 and 8 are <= 24; 24.5 is not: 3 / 4
    expect(bucketValue(engine, 'released_within_target_rate', 'hour', HOUR_10)).toEqual({ value: 0.75, n: 4 });
  });

  it('released_within_target_rate: RELEASE_TARGET_HOURS is an option, and a release time equal to it is within', () => {
    const lenient = engineGiven(RELEASED_AT_TEN, { releaseTargetHours: 24.5 });
    // 24.5 <= 24.5 too: 4 / 4
    expect(bucketValue(lenient, 'released_within_target_rate', 'hour', HOUR_10)).toEqual({ value: 1, n: 4 });
  });

  it('processing_time_mean: mean of releasedAt - lodgedAt', () => {
    // (10 + 4 + 0.5 + 1) / 4 = 15.5 / 4 = 3.875 h
    expect(bucketValue(engine, 'processing_time_mean', 'hour', HOUR_10)).toEqual({ value: 3.875, n: 4 });
  });

  it('processing_time_mean stands on lodgedAt and releasedAt alone, without arrivedAt', () => {
    const withoutArrival = givenEvents(
      anEvent.declarationLodged('D1', {}, on(2, '09:00')),
      anEvent.goodsReleased('D1', {}, on(2, '10:30')),
    ).whenProjected();
    // 10:30 - 09:00 = 1.5 h
    withoutArrival.thenBucket('processing_time_mean', 'hour', HOUR_10).equals({ value: 1.5, n: 1 });
    // no arrivedAt: no release time
    withoutArrival.thenBucket('release_time_mean', 'hour', HOUR_10).equals({ value: null, n: 0 });
    withoutArrival.thenFactsOf('D1').include({ arrived: null, released: expect.objectContaining({ at: Date.parse(march(2, '10:30')) }) });
  });

  it('leaves a cancelled declaration out of every release-time KPI, whenever it was cancelled', () => {
    const cancelled = engineGiven([
      ...RELEASED_AT_TEN,
      anEvent.goodsArrived('D5', {}, on(2, '09:00')),
      anEvent.declarationLodged('D5', {}, on(2, '09:30')),
      anEvent.goodsReleased('D5', {}, on(2, '10:10')),
      anEvent.declarationCancelled('D5', {}, on(2, '15:00')),
    ]);
    // D5 (1h10) is out: still 48 / 4 = 12 h, 15.5 / 4 = 3.875 h, 3 / 4 within target
    expect(bucketValue(cancelled, 'release_time_mean', 'hour', HOUR_10)).toEqual({ value: 12, n: 4 });
    expect(bucketValue(cancelled, 'processing_time_mean', 'hour', HOUR_10)).toEqual({ value: 3.875, n: 4 });
    expect(bucketValue(cancelled, 'released_within_target_rate', 'hour', HOUR_10)).toEqual({ value: 0.75, n: 4 });
    expect(bucketValue(cancelled, 'release_time_p90', 'hour', HOUR_10).n).toBe(4);
  });

  it('leaves a negative release time out, counts it per KPI in the quality figures, and keeps the processing time', () => {
    const negative = engineGiven([
      anEvent.goodsArrived('D1', {}, on(2, '12:00')),
      anEvent.declarationLodged('D1', {}, on(2, '09:00')),
      anEvent.goodsReleased('D1', {}, on(2, '10:30')),
    ]);
    // 10:30 - 12:00 = -1.5 h: left out, never clamped to 0
    expect(bucketValue(negative, 'release_time_mean', 'hour', HOUR_10)).toEqual({ value: null, n: 0 });
    expect(bucketValue(negative, 'release_time_p50', 'hour', HOUR_10)).toEqual({ value: null, n: 0 });
    // 10:30 - 09:00 = 1.5 h
    expect(bucketValue(negative, 'processing_time_mean', 'hour', HOUR_10)).toEqual({ value: 1.5, n: 1 });
    expect(negative.qualityCounters()).toEqual({
      release_time_mean: 1,
      release_time_p50: 1,
      release_time_p90: 1,
      released_within_target_rate: 1,
    });
  });

  it('counts a negative processing time under processing_time_mean only', () => {
    const negative = engineGiven([
      anEvent.goodsArrived('D1', {}, on(2, '08:00')),
      anEvent.declarationLodged('D1', {}, on(2, '11:00')),
      anEvent.goodsReleased('D1', {}, on(2, '10:00')),
    ]);
    // release 10:00 - 08:00 = 2 h; processing 10:00 - 11:00 = -1 h, left out
    expect(bucketValue(negative, 'release_time_mean', 'hour', HOUR_10)).toEqual({ value: 2, n: 1 });
    expect(bucketValue(negative, 'processing_time_mean', 'hour', HOUR_10)).toEqual({ value: null, n: 0 });
    expect(negative.qualityCounters()).toEqual({ processing_time_mean: 1 });
  });
});

describe('examination_time_mean', () => {
  const HOUR_12 = march(2, '12:00');

  it('is the mean of examCompletedAt - examStartedAt, in the hour of examCompletedAt, cancelled declarations included', () => {
    const engine = engineGiven([
      // E1: 12:30 - 10:00 = 2.5 h
      anEvent.examinationStarted('E1', {}, on(2, '10:00')),
      anEvent.examinationCompleted('E1', {}, on(2, '12:30')),
      // E2: 12:45 - 12:15 = 0.5 h, then cancelled: still counted
      anEvent.examinationStarted('E2', {}, on(2, '12:15')),
      anEvent.examinationCompleted('E2', {}, on(2, '12:45')),
      anEvent.declarationCancelled('E2', {}, on(2, '13:00')),
      // E3: 12:50 - 13:00 = -10 min: left out and counted
      anEvent.examinationStarted('E3', {}, on(2, '13:00')),
      anEvent.examinationCompleted('E3', {}, on(2, '12:50')),
      // E4: never completed
      anEvent.examinationStarted('E4', {}, on(2, '12:20')),
    ]);
    // (2.5 + 0.5) / 2 = 1.5 h
    expect(bucketValue(engine, 'examination_time_mean', 'hour', HOUR_12)).toEqual({ value: 1.5, n: 2 });
    expect(engine.qualityCounters()).toEqual({ examination_time_mean: 1 });
  });
});
