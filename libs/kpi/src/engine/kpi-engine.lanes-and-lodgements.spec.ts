import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';

import { bucketValue, engineGiven, march } from './testing/stored-events.js';

const on = (day: number, time: string) => ({ time: march(day, time) });
const HOUR_10 = march(2, '10:00');

/** Five declarations assigned a lane between 10:00 and 11:00; reroutes come hours later. */
const LANES = [
  anEvent.laneAssigned('L1', { lane: 'GREEN' }, on(2, '10:00')),
  // L2: GREEN rerouted to RED at 13:00: final RED
  anEvent.laneAssigned('L2', { lane: 'GREEN' }, on(2, '10:10')),
  anEvent.laneRerouted('L2', { fromLane: 'GREEN', toLane: 'RED' }, on(2, '13:00')),
  anEvent.laneAssigned('L3', { lane: 'YELLOW' }, on(2, '10:20')),
  // L4: RED rerouted to GREEN: final GREEN, and a downgrade
  anEvent.laneAssigned('L4', { lane: 'RED' }, on(2, '10:30')),
  anEvent.laneRerouted('L4', { fromLane: 'RED', toLane: 'GREEN' }, on(2, '13:30')),
  anEvent.laneAssigned('L5', { lane: 'BLUE' }, on(2, '10:59:59.999')),
  // L6: rerouted but never assigned: no lane, in no lane KPI
  anEvent.laneRerouted('L6', { fromLane: 'RED', toLane: 'GREEN' }, on(2, '10:40')),
];

describe('lane KPIs, by final lane, in the hour of laneAssignedAt', () => {
  const engine = engineGiven(LANES);

  it('green_lane_rate: final lanes GREEN, RED, YELLOW, GREEN, BLUE', () => {
    // L1 and L4 end GREEN: 2 / 5
    expect(bucketValue(engine, 'green_lane_rate', 'hour', HOUR_10)).toEqual({ value: 0.4, n: 5 });
  });

  it('documentary_check_rate: final lane YELLOW', () => {
    // L3: 1 / 5
    expect(bucketValue(engine, 'documentary_check_rate', 'hour', HOUR_10)).toEqual({ value: 0.2, n: 5 });
  });

  it('physical_inspection_rate: final lane RED', () => {
    // L2 (rerouted to RED); L4 left RED: 1 / 5
    expect(bucketValue(engine, 'physical_inspection_rate', 'hour', HOUR_10)).toEqual({ value: 0.2, n: 5 });
  });

  it('lane_downgrade_rate: declarations with a lane rerouted from RED or YELLOW to GREEN or BLUE', () => {
    // L4 only (L6 has no lane): 1 / 5
    expect(bucketValue(engine, 'lane_downgrade_rate', 'hour', HOUR_10)).toEqual({ value: 0.2, n: 5 });
  });

  it('leaves the hour of the reroutes empty: a reroute does not move the declaration', () => {
    expect(bucketValue(engine, 'green_lane_rate', 'hour', march(2, '13:00'))).toEqual({ value: null, n: 0 });
  });
});

/** Four declarations lodged between 10:00 and 11:00. */
const LODGEMENTS = [
  anEvent.declarationLodged('A', { preArrival: true, electronic: true, aeo: true, customsValue: 1000 }, on(2, '10:00')),
  anEvent.declarationLodged('B', { preArrival: false, electronic: true, aeo: false, customsValue: 3000 }, on(2, '10:15')),
  anEvent.declarationLodged('C', { preArrival: true, electronic: false, aeo: true, customsValue: 500.5 }, on(2, '10:30')),
  anEvent.declarationLodged('D', { preArrival: false, electronic: true, aeo: false, customsValue: 1500 }, on(2, '10:45')),
  // B is rejected (later): not accepted the first time
  anEvent.declarationRejected('B', {}, on(2, '12:00')),
  // a rejection of a declaration never lodged is in no lodgement KPI
  anEvent.declarationRejected('X', {}, on(2, '10:20')),
];

describe('lodgement KPIs, in the hour of lodgedAt', () => {
  const engine = engineGiven(LODGEMENTS);

  it('pre_arrival_rate: share of lodged declarations with preArrival', () => {
    // A and C: 2 / 4
    expect(bucketValue(engine, 'pre_arrival_rate', 'hour', HOUR_10)).toEqual({ value: 0.5, n: 4 });
  });

  it('electronic_declaration_rate: share of lodged declarations with electronic', () => {
    // A, B and D: 3 / 4
    expect(bucketValue(engine, 'electronic_declaration_rate', 'hour', HOUR_10)).toEqual({ value: 0.75, n: 4 });
  });

  it('aeo_trade_share: customs value where aeo over all customs value; n = lodged declarations', () => {
    // (1000 + 500.5) / (1000 + 3000 + 500.5 + 1500) = 1500.5 / 6000.5
    expect(bucketValue(engine, 'aeo_trade_share', 'hour', HOUR_10)).toEqual({ value: 1500.5 / 6000.5, n: 4 });
  });

  it('first_time_acceptance_rate: share of lodged declarations that are not rejected', () => {
    // A, C and D: 3 / 4 (X was never lodged)
    expect(bucketValue(engine, 'first_time_acceptance_rate', 'hour', HOUR_10)).toEqual({ value: 0.75, n: 4 });
  });

  it('aeo_trade_share is null when the lodged declarations carry no customs value at all', () => {
    const free = engineGiven([anEvent.declarationLodged('A', { aeo: true, customsValue: 0 }, on(2, '10:00'))]);
    // 0 / 0
    expect(bucketValue(free, 'aeo_trade_share', 'hour', HOUR_10)).toEqual({ value: null, n: 1 });
  });
});
