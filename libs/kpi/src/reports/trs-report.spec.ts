import { describe, expect, it } from '@jest/globals';
import { type Lane, type Regime, type TransportMode } from '@customs-pulse/domain';
import { anEvent, withinOnePercentOf as near } from '@customs-pulse/testing';

import { engineGiven, march } from '../engine/testing/stored-events.js';
import { type ColdState } from '../read-model/read-model.port.js';
import { trsReportOf } from './trs-report.js';

type Lodgement = { officeId: string; transportMode: TransportMode; regime: Regime; aeo: boolean; preArrival: boolean };

const lodged = (subject: string, time: string, data: Lodgement) => anEvent.declarationLodged(subject, data, { time });
const arrived = (subject: string, time: string, officeId = 'UZ-TAS', transportMode: TransportMode = 'ROAD') =>
  anEvent.goodsArrived(subject, { officeId, transportMode }, { time });
const lane = (subject: string, time: string, laneName: Lane) => anEvent.laneAssigned(subject, { lane: laneName }, { time });
const released = (subject: string, time: string) => anEvent.goodsReleased(subject, {}, { time });

const TAS_ROAD_IMPORT: Lodgement = { officeId: 'UZ-TAS', transportMode: 'ROAD', regime: 'IMPORT', aeo: true, preArrival: false };

/**
 * A small history worked by hand; the population over [2 March, 4 March) is D1 (2 h), D2 (30 h), D3 (5 h), D4 (1.5 h)
 * and D9 (24 h): sorted 1.5, 2, 5, 24, 30.
 */
const HISTORY = [
  // D1: 2 h, segments arrival>lodgement 1, lodgement>lane 0.5, lane>release 0.5
  arrived('D1', march(2, '08:00')),
  lodged('D1', march(2, '09:00'), TAS_ROAD_IMPORT),
  lane('D1', march(2, '09:30'), 'GREEN'),
  released('D1', march(2, '10:00')),
  // D2: lodged 12 h before arrival, examined; 30 h
  arrived('D2', march(2, '06:00'), 'UZ-SAM', 'SEA'),
  lodged('D2', march(1, '18:00'), { officeId: 'UZ-SAM', transportMode: 'SEA', regime: 'EXPORT', aeo: false, preArrival: true }),
  lane('D2', march(2, '07:00'), 'RED'),
  anEvent.examinationStarted('D2', {}, { time: march(2, '08:00') }),
  anEvent.examinationCompleted('D2', {}, { time: march(2, '11:00') }),
  released('D2', march(3, '12:00')),
  // D3: arrival and release only: 5 h, attributes from the arrival, no regime, lane, aeo or pre-arrival
  arrived('D3', march(3, '00:00')),
  released('D3', march(3, '05:00')),
  // D4: YELLOW rerouted to GREEN; 1.5 h
  arrived('D4', march(2, '12:00'), 'UZ-TAS', 'AIR'),
  lodged('D4', march(2, '12:30'), { officeId: 'UZ-TAS', transportMode: 'AIR', regime: 'IMPORT', aeo: false, preArrival: false }),
  lane('D4', march(2, '13:00'), 'YELLOW'),
  anEvent.laneRerouted('D4', { fromLane: 'YELLOW', toLane: 'GREEN' }, { time: march(2, '13:10') }),
  released('D4', march(2, '13:30')),
  // D9: exactly 24 h: within target, and in the bin 24-48
  arrived('D9', march(2, '12:00')),
  lodged('D9', march(2, '13:00'), { ...TAS_ROAD_IMPORT, regime: 'TRANSIT' }),
  lane('D9', march(2, '14:00'), 'BLUE'),
  released('D9', march(3, '12:00')),
  // left out: cancelled, released on the period's end, released before arrival, released without arrival
  arrived('D5', march(2, '01:00')),
  released('D5', march(2, '02:00')),
  anEvent.declarationCancelled('D5', {}, { time: march(2, '03:00') }),
  arrived('D6', march(3, '20:00')),
  released('D6', march(4, '00:00')),
  arrived('D7', march(2, '10:00')),
  released('D7', march(2, '09:00')),
  lodged('D8', march(2, '10:00'), TAS_ROAD_IMPORT),
  released('D8', march(2, '11:00')),
];

const PERIOD = { from: Date.parse(march(2, '00:00')), to: Date.parse(march(4, '00:00')) };

function report(filters = {}) {
  return trsReportOf(engineGiven(HISTORY), null, { period: PERIOD, filters, position: 42 });
}

describe('the TRS report, worked by hand', () => {
  it('states its period, filters and position', async () => {
    expect(await report()).toMatchObject({ period: { from: march(2, '00:00'), to: march(4, '00:00') }, filters: {}, position: 42 });
    expect(await report()).not.toHaveProperty('asOf');
  });

  it('gives the overall n, mean, nearest-rank p50 and p90 (within 1%), and the share within RELEASE_TARGET_HOURS (24 h included)', async () => {
    // (1.5 + 2 + 5 + 24 + 30) / 5 = 12.5; p50 rank 3 = 5; p90 rank 5 = 30; 4 of 5 at or below 24 h
    expect((await report()).overall).toEqual({ n: 5, mean: 12.5, p50: near(5), p90: near(30), withinTarget: 0.8 });
  });

  it('counts each pair of neighbouring known milestones, negative ones kept, in TRS order', async () => {
    expect((await report()).segments).toEqual([
      // 1, -12, 0.5, 1: mean -9.5 / 4; median rank 2 of -12, 0.5, 1, 1
      { from: 'arrival', to: 'lodgement', n: 4, mean: -2.375, median: near(0.5) },
      { from: 'arrival', to: 'release', n: 1, mean: 5, median: near(5) },
      // 0.5, 13, 0.5, 1
      { from: 'lodgement', to: 'lane_assignment', n: 4, mean: 3.75, median: near(0.5) },
      { from: 'lane_assignment', to: 'examination_start', n: 1, mean: 1, median: near(1) },
      // without an examination: 0.5, 0.5, 22
      { from: 'lane_assignment', to: 'release', n: 3, mean: 23 / 3, median: near(0.5) },
      { from: 'examination_start', to: 'examination_end', n: 1, mean: 3, median: near(3) },
      { from: 'examination_end', to: 'release', n: 1, mean: 25, median: near(25) },
    ]);
  });

  it('breaks the overall figures down by each attribute, leaving a declaration out only where it is unknown', async () => {
    const { breakdowns } = await report();
    expect(breakdowns.finalLane).toEqual([
      { key: 'BLUE', n: 1, mean: 24, p50: near(24), p90: near(24) },
      { key: 'GREEN', n: 2, mean: 1.75, p50: near(1.5), p90: near(2) },
      { key: 'RED', n: 1, mean: 30, p50: near(30), p90: near(30) },
    ]);
    expect(breakdowns.transportMode).toEqual([
      { key: 'AIR', n: 1, mean: 1.5, p50: near(1.5), p90: near(1.5) },
      { key: 'ROAD', n: 3, mean: 31 / 3, p50: near(5), p90: near(24) },
      { key: 'SEA', n: 1, mean: 30, p50: near(30), p90: near(30) },
    ]);
    expect(breakdowns.regime).toEqual([
      { key: 'EXPORT', n: 1, mean: 30, p50: near(30), p90: near(30) },
      { key: 'IMPORT', n: 2, mean: 1.75, p50: near(1.5), p90: near(2) },
      { key: 'TRANSIT', n: 1, mean: 24, p50: near(24), p90: near(24) },
    ]);
    expect(breakdowns.office).toEqual([
      { key: 'UZ-SAM', n: 1, mean: 30, p50: near(30), p90: near(30) },
      { key: 'UZ-TAS', n: 4, mean: 8.125, p50: near(2), p90: near(24) },
    ]);
    expect(breakdowns.aeo).toEqual([
      { key: false, n: 2, mean: 15.75, p50: near(1.5), p90: near(30) },
      { key: true, n: 2, mean: 13, p50: near(2), p90: near(24) },
    ]);
    expect(breakdowns.preArrival).toEqual([
      { key: false, n: 3, mean: 27.5 / 3, p50: near(2), p90: near(24) },
      { key: true, n: 1, mean: 30, p50: near(30), p90: near(30) },
    ]);
  });

  it('bins the release times, each bin holding its lower bound', async () => {
    expect((await report()).distribution).toEqual([
      { fromHours: 0, toHours: 1, count: 0 },
      { fromHours: 1, toHours: 2, count: 1 },
      { fromHours: 2, toHours: 4, count: 1 },
      { fromHours: 4, toHours: 8, count: 1 },
      { fromHours: 8, toHours: 12, count: 0 },
      { fromHours: 12, toHours: 24, count: 0 },
      { fromHours: 24, toHours: 48, count: 2 },
      { fromHours: 48, toHours: 72, count: 0 },
      { fromHours: 72, toHours: 168, count: 0 },
      { fromHours: 168, toHours: null, count: 0 },
    ]);
  });

  it('gives every UTC day of the period its n, mean and median, by release day', async () => {
    expect((await report()).trend).toEqual([
      { day: march(2, '00:00'), n: 2, mean: 1.75, median: near(1.5) },
      { day: march(3, '00:00'), n: 3, mean: 59 / 3, median: near(24) },
    ]);
  });

  it('lists the longest release times first', async () => {
    expect((await report()).outliers).toEqual([
      { subject: 'D2', hours: 30, office: 'UZ-SAM', finalLane: 'RED', transportMode: 'SEA' },
      { subject: 'D9', hours: 24, office: 'UZ-TAS', finalLane: 'BLUE', transportMode: 'ROAD' },
      { subject: 'D3', hours: 5, office: 'UZ-TAS', finalLane: null, transportMode: 'ROAD' },
      { subject: 'D1', hours: 2, office: 'UZ-TAS', finalLane: 'GREEN', transportMode: 'ROAD' },
      { subject: 'D4', hours: 1.5, office: 'UZ-TAS', finalLane: 'GREEN', transportMode: 'AIR' },
    ]);
  });

  it('keeps only the declarations of the filters', async () => {
    const sam = await report({ office: 'UZ-SAM' });
    expect(sam.overall).toEqual({ n: 1, mean: 30, p50: near(30), p90: near(30), withinTarget: 0 });
    // D2 alone: its lodgement 12 h before arrival is the median, read from the negative durations' sketch
    expect(sam.segments[0]).toEqual({ from: 'arrival', to: 'lodgement', n: 1, mean: -12, median: near(-12) });
    expect((await report({ transportMode: 'ROAD', regime: 'IMPORT' })).overall).toMatchObject({ n: 1, mean: 2 });
  });

  it('answers null figures and empty sections over no release', async () => {
    const empty = await trsReportOf(engineGiven(HISTORY), null, { period: { from: PERIOD.to + 86_400_000, to: PERIOD.to + 2 * 86_400_000 }, filters: {}, position: 0 });
    expect(empty.overall).toEqual({ n: 0, mean: null, p50: null, p90: null, withinTarget: null });
    expect(empty.segments).toEqual([]);
    expect(empty.trend).toEqual([{ day: '2026-03-05T00:00:00.000Z', n: 0, mean: null, median: null }]);
  });
});

describe('the TRS outliers', () => {
  it('read no stored row when the engine holds every release of the period: a walk would find none and cross the whole index', async () => {
    const pages: number[] = [];
    const cold = { longestReleasedIn: async function* (_from: number, _to: number, _filters: object, pageSize: number) { pages.push(pageSize); yield []; } };
    const { outliers } = await trsReportOf(engineGiven(HISTORY), cold as unknown as ColdState, { period: PERIOD, filters: {}, position: 0 });
    expect(outliers).toHaveLength(5);
    expect(pages).toEqual([]);
  });

  it('are the 20 longest, ties by subject', async () => {
    const events = Array.from({ length: 22 }, (_, index) => {
      const subject = `X${String(22 - index).padStart(2, '0')}`;
      return [arrived(subject, march(2, '00:00')), released(subject, march(2, index === 0 ? '05:00' : '01:00'))];
    }).flat();
    const { outliers } = await trsReportOf(engineGiven(events), null, { period: PERIOD, filters: {}, position: 0 });
    // X22 is the longest; the other 21 tie at 1 h and the first 19 by subject follow
    expect(outliers.map(({ subject }) => subject)).toEqual(['X22', ...Array.from({ length: 19 }, (_, index) => `X${String(index + 1).padStart(2, '0')}`)]);
  });
});
