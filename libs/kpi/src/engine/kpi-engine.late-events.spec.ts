import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';
import { givenEvents } from '@customs-pulse/testing/kpi';

import { bucketValue, engineGiven, march, stored } from './testing/stored-events.js';

const on = (day: number, time: string) => ({ time: march(day, time) });

describe('late events update the past buckets they belong to', () => {
  it('a late, earlier GoodsReleased moves the declaration from one day to the other, updating both', () => {
    const engine = engineGiven([
      anEvent.goodsArrived('D1', {}, on(2, '08:00')),
      anEvent.declarationLodged('D1', {}, on(2, '09:00')),
      // 3 March 02:00 - 2 March 08:00 = 18 h
      anEvent.goodsReleased('D1', {}, on(3, '02:00')),
    ]);
    expect(bucketValue(engine, 'release_time_mean', 'day', march(3, '00:00'))).toEqual({ value: 18, n: 1 });
    expect(engine.series('backlog', 'day', march(2, '00:00'), march(3, '00:00'))).toEqual([
      { start: march(2, '00:00'), value: 1, n: 1 },
    ]);

    engine.apply(stored(anEvent.goodsReleased('D1', {}, on(2, '20:00'))));

    // 20:00 - 08:00 = 12 h, now on the 2nd; the 3rd is empty again
    expect(bucketValue(engine, 'release_time_mean', 'day', march(2, '00:00'))).toEqual({ value: 12, n: 1 });
    expect(bucketValue(engine, 'release_time_mean', 'day', march(3, '00:00'))).toEqual({ value: null, n: 0 });
    // released before the end of the 2nd
    expect(engine.series('backlog', 'day', march(2, '00:00'), march(3, '00:00'))).toEqual([
      { start: march(2, '00:00'), value: 0, n: 0 },
    ]);
  });

  it('a late DeclarationLodged moves the declaration from the office of arrival into the slices of its lodgement', () => {
    const engine = engineGiven([
      anEvent.goodsArrived('D1', { officeId: 'O1', transportMode: 'ROAD' }, on(2, '08:00')),
      anEvent.goodsReleased('D1', {}, on(2, '10:00')),
    ]);
    const mean = (filters: Record<string, string>) => bucketValue(engine, 'release_time_mean', 'hour', march(2, '10:00'), filters);
    // 10:00 - 08:00 = 2 h, in O1 and ROAD; no regime known
    expect(mean({ office: 'O1' })).toEqual({ value: 2, n: 1 });
    expect(mean({ regime: 'TRANSIT' })).toEqual({ value: null, n: 0 });

    engine.apply(stored(anEvent.declarationLodged('D1', { officeId: 'O2', transportMode: 'RAIL', regime: 'TRANSIT' }, on(2, '07:00'))));

    expect(mean({ office: 'O1' })).toEqual({ value: null, n: 0 });
    expect(mean({ office: 'O2', transportMode: 'RAIL', regime: 'TRANSIT' })).toEqual({ value: 2, n: 1 });
    expect(mean({})).toEqual({ value: 2, n: 1 });
  });

  it('a late DeclarationCancelled takes the declaration out of the release-time KPIs', () => {
    givenEvents(
      anEvent.goodsArrived('D1', {}, on(2, '08:00')),
      anEvent.goodsReleased('D1', {}, on(2, '10:00')),
      anEvent.declarationCancelled('D1', {}, on(2, '23:00')),
    )
      .whenProjected()
      .thenBucket('release_time_mean', 'hour', march(2, '10:00'))
      .equals({ value: null, n: 0 });
  });

  it('a late LaneRerouted changes the final lane in the bucket of the first assignment', () => {
    const engine = engineGiven([anEvent.laneAssigned('D1', { lane: 'RED' }, on(2, '10:00'))]);
    engine.apply(stored(anEvent.laneRerouted('D1', { fromLane: 'RED', toLane: 'GREEN' }, on(3, '10:00'))));
    // 1 / 1 on the 2nd, and downgraded
    expect(bucketValue(engine, 'green_lane_rate', 'day', march(2, '00:00'))).toEqual({ value: 1, n: 1 });
    expect(bucketValue(engine, 'lane_downgrade_rate', 'day', march(2, '00:00'))).toEqual({ value: 1, n: 1 });
  });

  it('a late negative duration that gets corrected leaves the quality figures', () => {
    const engine = engineGiven([
      anEvent.goodsArrived('D1', {}, on(2, '12:00')),
      anEvent.goodsReleased('D1', {}, on(2, '10:00')),
    ]);
    expect(engine.qualityCounters()).toMatchObject({ release_time_mean: 1 });
    // an earlier arrival: 10:00 - 06:00 = 4 h
    engine.apply(stored(anEvent.goodsArrived('D1', {}, on(2, '06:00'))));
    expect(engine.qualityCounters()).toEqual({});
    expect(bucketValue(engine, 'release_time_mean', 'hour', march(2, '10:00'))).toEqual({ value: 4, n: 1 });
  });

  it('an event applied twice changes nothing', () => {
    const events = [
      anEvent.goodsArrived('D1', {}, on(2, '08:00')),
      anEvent.declarationLodged('D1', {}, on(2, '09:00')),
      anEvent.dutiesPaid('D1', { amount: 5 }, on(2, '10:00')),
      anEvent.goodsReleased('D1', {}, on(2, '10:00')),
    ];
    const twice = engineGiven([...events, ...events]);
    expect(bucketValue(twice, 'duties_collected', 'hour', march(2, '10:00'))).toEqual({ value: 5, n: 1 });
    expect(bucketValue(twice, 'release_time_mean', 'hour', march(2, '10:00'))).toEqual({ value: 2, n: 1 });
  });
});
