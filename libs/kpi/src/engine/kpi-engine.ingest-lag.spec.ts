import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';

import { KpiEngine } from './kpi-engine.js';
import { bucketValue, march, relativeError, stored } from './testing/stored-events.js';

const HOUR_10 = march(2, '10:00');

describe('ingest_lag_p95: recordedAt - time, in seconds, in the hour of recordedAt', () => {
  it('is the nearest-rank 95th percentile of the lags, within 1%', () => {
    const engine = new KpiEngine();
    // lags of 1 to 20 s, stored between 10:00:01 and 10:00:20
    for (let lag = 1; lag <= 20; lag += 1) {
      const event = anEvent.goodsExited(`D${lag}`, {}, { time: march(2, '10:00') });
      engine.apply(stored(event, march(2, `10:00:${String(lag).padStart(2, '0')}`)));
    }
    const { value, n } = bucketValue(engine, 'ingest_lag_p95', 'hour', HOUR_10);
    // rank ceil(0.95 * 20) = 19 -> 19 s
    expect(relativeError(value, 19)).toBeLessThanOrEqual(0.01);
    expect(n).toBe(20);
  });

  it('is attributed to recordedAt, not to the event time', () => {
    const engine = new KpiEngine();
    engine.apply(stored(anEvent.goodsExited('D1', {}, { time: march(2, '09:59') }), march(2, '10:01')));
    // 2 min = 120 s, in the hour of 10:01
    expect(relativeError(bucketValue(engine, 'ingest_lag_p95', 'hour', HOUR_10).value, 120)).toBeLessThanOrEqual(0.01);
    expect(bucketValue(engine, 'ingest_lag_p95', 'hour', march(2, '09:00'))).toEqual({ value: null, n: 0 });
  });

  it('slices by the office known for the subject when the event was stored', () => {
    const engine = new KpiEngine();
    engine.apply(stored(anEvent.goodsArrived('D1', { officeId: 'O1' }, { time: march(2, '10:00') }), march(2, '10:00:05')));
    engine.apply(stored(anEvent.goodsExited('D1', {}, { time: march(2, '10:00') }), march(2, '10:00:30')));
    engine.apply(stored(anEvent.goodsExited('D2', {}, { time: march(2, '10:00') }), march(2, '10:00:50')));
    const o1 = bucketValue(engine, 'ingest_lag_p95', 'hour', HOUR_10, { office: 'O1' });
    // O1: lags 5 s and 30 s; rank ceil(0.95 * 2) = 2 -> 30 s (D2's office is unknown)
    expect(relativeError(o1.value, 30)).toBeLessThanOrEqual(0.01);
    expect(o1.n).toBe(2);
    expect(bucketValue(engine, 'ingest_lag_p95', 'hour', HOUR_10).n).toBe(3);
  });

  it('leaves a negative lag (producer clock ahead) out and counts it in the quality figures', () => {
    const engine = new KpiEngine();
    engine.apply(stored(anEvent.goodsExited('D1', {}, { time: march(2, '10:00:10') }), march(2, '10:00:00')));
    expect(bucketValue(engine, 'ingest_lag_p95', 'hour', HOUR_10)).toEqual({ value: null, n: 0 });
    expect(engine.qualityCounters()).toEqual({ ingest_lag_p95: 1 });
  });

  it('ignores the events the system writes itself', () => {
    const engine = new KpiEngine();
    engine.apply({
      id: 'alert-1',
      source: 'urn:customs-pulse',
      type: 'AlertRaised',
      subject: 'alert-1',
      time: march(2, '10:00'),
      data: {},
      recordedAt: march(2, '10:00'),
    });
    expect(bucketValue(engine, 'ingest_lag_p95', 'hour', HOUR_10)).toEqual({ value: null, n: 0 });
  });
});
