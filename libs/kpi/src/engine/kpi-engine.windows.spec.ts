import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';
import { KPI_CATALOGUE } from '@customs-pulse/domain';

import { KpiEngine } from './kpi-engine.js';
import { KpiQueryError } from './kpi-query-error.js';
import { bucketValue, engineGiven, march, relativeError } from './testing/stored-events.js';

const on = (day: number, time: string) => ({ time: march(day, time) });

/** A declaration that arrived at `arrived` and was released at `released`. */
function released(subject: string, arrived: string, releasedAt: string): Record<string, unknown>[] {
  return [anEvent.goodsArrived(subject, {}, { time: arrived }), anEvent.goodsReleased(subject, {}, { time: releasedAt })];
}

describe('buckets', () => {
  it('are half-open: an observation at exactly 10:00 is in [10:00, 11:00), one at 10:59:59.999 too', () => {
    const engine = engineGiven([
      ...released('D1', march(2, '08:00'), march(2, '10:00')),
      ...released('D2', march(2, '08:00'), march(2, '10:59:59.999')),
      ...released('D3', march(2, '08:00'), march(2, '11:00')),
    ]);
    expect(bucketValue(engine, 'release_time_mean', 'hour', march(2, '09:00')).n).toBe(0);
    // D1 and D2
    expect(bucketValue(engine, 'release_time_mean', 'hour', march(2, '10:00')).n).toBe(2);
    // D3
    expect(bucketValue(engine, 'release_time_mean', 'hour', march(2, '11:00')).n).toBe(1);
  });

  it('come in UTC hours and days, a day merging its hours exactly', () => {
    const engine = engineGiven([
      ...released('D1', march(2, '08:30'), march(2, '10:30')),
      ...released('D2', march(2, '18:30'), march(2, '22:30')),
      ...released('D3', march(2, '20:00'), march(3, '00:00')),
    ]);
    // 10:30 - 08:30 = 2 h
    expect(bucketValue(engine, 'release_time_mean', 'hour', march(2, '10:00'))).toEqual({ value: 2, n: 1 });
    // 22:30 - 18:30 = 4 h
    expect(bucketValue(engine, 'release_time_mean', 'hour', march(2, '22:00'))).toEqual({ value: 4, n: 1 });
    // (2 + 4) / 2 = 3 h; D3 is released at midnight, on the 3rd
    expect(bucketValue(engine, 'release_time_mean', 'day', march(2, '00:00'))).toEqual({ value: 3, n: 2 });
    expect(bucketValue(engine, 'release_time_mean', 'day', march(3, '00:00'))).toEqual({ value: 4, n: 1 });
  });

  it('give one point per bucket start in [from, to)', () => {
    const engine = engineGiven(released('D1', march(2, '08:30'), march(2, '10:30')));
    expect(engine.series('release_time_mean', 'hour', march(2, '09:00'), march(2, '12:00'))).toEqual([
      { start: march(2, '09:00'), value: null, n: 0 },
      { start: march(2, '10:00'), value: 2, n: 1 },
      { start: march(2, '11:00'), value: null, n: 0 },
    ]);
    expect(engine.series('release_time_mean', 'day', march(2, '00:00'), march(2, '00:00'))).toEqual([]);
  });

  it.each(KPI_CATALOGUE.map((kpi) => [kpi.id, kpi.emptyValue] as const))(
    'over an empty bucket, %s is %p with n = 0 (a count or sum 0, anything else null)',
    (kpiId, emptyValue) => {
      expect(bucketValue(new KpiEngine(), kpiId, 'hour', march(2, '10:00'))).toEqual({ value: emptyValue, n: 0 });
      expect(new KpiEngine().current(kpiId, march(2, '10:00'))).toMatchObject({ value: emptyValue, n: 0 });
    },
  );
});

describe('current', () => {
  const engine = engineGiven([
    // released 10:59 on the 1st: before the window of 10:30 on the 2nd
    ...released('D0', march(1, '09:59'), march(1, '10:59')),
    // 2 h, released at the window's first instant
    ...released('D1', march(1, '09:00'), march(1, '11:00')),
    // 6 h, released in the hour holding now, after now
    ...released('D2', march(2, '04:45'), march(2, '10:45')),
    // 10 h
    ...released('D3', march(2, '00:00'), march(2, '10:00')),
  ]);

  it('merges the 24 hourly buckets ending with the hour holding now', () => {
    // (2 + 6 + 10) / 3 = 6 h; D0 is out
    expect(engine.current('release_time_mean', march(2, '10:30'))).toEqual({
      value: 6,
      n: 3,
      window: { from: march(1, '11:00'), to: march(2, '11:00') },
    });
  });

  it('merges sketches, never averages of percentiles', () => {
    const { value, n } = engine.current('release_time_p50', march(2, '10:30'));
    // nearest rank ceil(0.5 * 3) = 2 of [2, 6, 10] -> 6 h
    expect(relativeError(value, 6)).toBeLessThanOrEqual(0.01);
    expect(n).toBe(3);
  });

  it('moves with now: an hour later the first hour leaves the window', () => {
    // (6 + 10) / 2 = 8 h
    expect(engine.current('release_time_mean', march(2, '11:00'))).toMatchObject({ value: 8, n: 2 });
  });
});

describe('slices', () => {
  const engine = engineGiven([
    // A: lodged in O1 by SEA under IMPORT
    anEvent.declarationLodged('A', { officeId: 'O1', transportMode: 'SEA', regime: 'IMPORT' }, on(2, '09:00')),
    anEvent.laneAssigned('A', { lane: 'GREEN' }, on(2, '10:00')),
    // B: only arrived, in O1 by AIR: office and mode known, regime not
    anEvent.goodsArrived('B', { officeId: 'O1', transportMode: 'AIR' }, on(2, '09:00')),
    anEvent.laneAssigned('B', { lane: 'RED' }, on(2, '10:10')),
    // C: nothing known but its lane: in the total only
    anEvent.laneAssigned('C', { lane: 'GREEN' }, on(2, '10:20')),
    // D: lodged in O2 by SEA under EXPORT
    anEvent.declarationLodged('D', { officeId: 'O2', transportMode: 'SEA', regime: 'EXPORT' }, on(2, '09:00')),
    anEvent.laneAssigned('D', { lane: 'YELLOW' }, on(2, '10:30')),
  ]);
  const rate = (filters: Record<string, string>) => bucketValue(engine, 'green_lane_rate', 'hour', march(2, '10:00'), filters);

  it('count a declaration whose attribute is unknown in the total and the slices it has only', () => {
    // A, C of A, B, C, D
    expect(rate({})).toEqual({ value: 0.5, n: 4 });
    // A, B
    expect(rate({ office: 'O1' })).toEqual({ value: 0.5, n: 2 });
    // A only: B's regime is unknown
    expect(rate({ regime: 'IMPORT' })).toEqual({ value: 1, n: 1 });
  });

  it('answer combined filters exactly', () => {
    // A, D
    expect(rate({ transportMode: 'SEA' })).toEqual({ value: 0.5, n: 2 });
    // A
    expect(rate({ office: 'O1', transportMode: 'SEA' })).toEqual({ value: 1, n: 1 });
    // B
    expect(rate({ office: 'O1', transportMode: 'AIR' })).toEqual({ value: 0, n: 1 });
    // D
    expect(rate({ office: 'O2', transportMode: 'SEA', regime: 'EXPORT' })).toEqual({ value: 0, n: 1 });
    expect(rate({ office: 'O2', regime: 'IMPORT' })).toEqual({ value: null, n: 0 });
  });

  it('refuse a filter the KPI does not slice by', () => {
    expect(() => engine.series('green_lane_rate', 'hour', march(2, '10:00'), march(2, '11:00'), { category: 'DRUGS' })).toThrow(
      KpiQueryError,
    );
    expect(() => engine.current('duties_collected', march(2, '10:00'), { transportMode: 'SEA' })).toThrow(
      'duties_collected cannot be filtered by transportMode; it slices by office',
    );
  });

  it('refuse a series whose bounds are not bucket starts, or out of order', () => {
    expect(() => engine.series('green_lane_rate', 'hour', march(2, '10:30'), march(2, '11:00'))).toThrow(KpiQueryError);
    expect(() => engine.series('green_lane_rate', 'day', march(2, '10:00'), march(3, '00:00'))).toThrow(KpiQueryError);
    expect(() => engine.series('green_lane_rate', 'hour', march(2, '11:00'), march(2, '10:00'))).toThrow(KpiQueryError);
  });
});
