import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';

import { KpiQueryError } from './kpi-query-error.js';
import { engineGiven, march } from './testing/stored-events.js';

/** A declaration at `office` that arrived at `arrived` and was released at `releasedAt`. */
function released(subject: string, arrived: string, releasedAt: string, office = 'UZ-TAS'): Record<string, unknown>[] {
  return [anEvent.goodsArrived(subject, { officeId: office }, { time: arrived }), anEvent.goodsReleased(subject, {}, { time: releasedAt })];
}

describe('a KPI over whole UTC days (overDays)', () => {
  const engine = engineGiven([
    // 2 h on the 2nd, 4 h and 12 h on the 4th, 30 h on the 5th (outside [2nd, 5th))
    ...released('D1', march(2, '08:00'), march(2, '10:00')),
    ...released('D2', march(4, '06:00'), march(4, '10:00')),
    ...released('D3', march(3, '22:00'), march(4, '10:00'), 'UZ-SAM'),
    ...released('D4', march(4, '00:00'), march(5, '06:00')),
  ]);

  it('merges the days exactly: the mean of every observation, not a mean of daily means', () => {
    // (2 + 4 + 12) / 3 = 6 h; daily means (2 and 8) would average 5
    expect(engine.overDays('release_time_mean', march(2, '00:00'), march(5, '00:00'))).toEqual({ value: 6, n: 3 });
    // all three within RELEASE_TARGET_HOURS (24 h)
    expect(engine.overDays('released_within_target_rate', march(2, '00:00'), march(5, '00:00'))).toEqual({ value: 1, n: 3 });
  });

  it('takes the slice asked for, and is null with n = 0 over days without observations', () => {
    expect(engine.overDays('release_time_mean', march(2, '00:00'), march(5, '00:00'), { office: 'UZ-SAM' })).toEqual({ value: 12, n: 1 });
    expect(engine.overDays('release_time_mean', march(6, '00:00'), march(9, '00:00'))).toEqual({ value: null, n: 0 });
    expect(engine.overDays('release_time_mean', march(2, '00:00'), march(2, '00:00'))).toEqual({ value: null, n: 0 });
  });

  it('merges the sketches of a percentile KPI', () => {
    const median = engine.overDays('release_time_p50', march(2, '00:00'), march(6, '00:00'));
    expect(median.n).toBe(4);
    // nearest rank: ceil(0.5 * 4) = 2nd of 2, 4, 12, 30 h
    expect(Math.abs(median.value! - 4) / 4).toBeLessThanOrEqual(0.01);
  });

  it('refuses bounds that are not day starts, and a filter the KPI does not slice by', () => {
    expect(() => engine.overDays('release_time_mean', march(2, '01:00'), march(5, '00:00'))).toThrow(KpiQueryError);
    expect(() => engine.overDays('seizures_count', march(2, '00:00'), march(5, '00:00'), { regime: 'IMPORT' })).toThrow(KpiQueryError);
  });
});
