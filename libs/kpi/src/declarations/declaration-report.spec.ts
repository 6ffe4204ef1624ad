import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';

import { engineGiven } from '../engine/testing/stored-events.js';
import { declarationReport } from './declaration-report.js';

const DEC = 'DEC-TRS';
const at = (time: string) => ({ time: `2026-03-02T${time}:00.000Z` });

function reportOf(events: readonly Record<string, unknown>[]) {
  const facts = engineGiven(events).declarationFacts(DEC);
  if (facts === undefined) throw new Error('no facts');
  return declarationReport(DEC, facts, 42);
}

describe('declarationReport', () => {
  it('names every fact of kpis.md, with the final lane after a downgrade', () => {
    const report = reportOf([
      anEvent.goodsArrived(DEC, { officeId: 'UZ-TAS', transportMode: 'ROAD' }, at('06:00')),
      anEvent.declarationLodged(DEC, { officeId: 'UZ-TAS', regime: 'IMPORT', transportMode: 'ROAD', aeo: true, electronic: true, preArrival: false, customsValue: 1000 }, at('07:00')),
      anEvent.laneAssigned(DEC, { lane: 'RED', basis: 'CRITERIA' }, at('07:30')),
      anEvent.laneRerouted(DEC, { fromLane: 'RED', toLane: 'GREEN' }, at('08:00')),
      anEvent.goodsReleased(DEC, {}, at('09:00')),
    ]);

    expect(report).toMatchObject({ id: DEC, position: 42 });
    expect(report.facts).toEqual({
      arrivedAt: '2026-03-02T06:00:00.000Z',
      lodgedAt: '2026-03-02T07:00:00.000Z',
      officeId: 'UZ-TAS',
      regime: 'IMPORT',
      transportMode: 'ROAD',
      aeo: true,
      electronic: true,
      preArrival: false,
      customsValue: 1000,
      laneAssignedAt: '2026-03-02T07:30:00.000Z',
      initialLane: 'RED',
      basis: 'CRITERIA',
      finalLane: 'GREEN',
      downgraded: true,
      examStartedAt: null,
      examCompletedAt: null,
      hit: false,
      rejected: false,
      releasedAt: '2026-03-02T09:00:00.000Z',
      cancelledAt: null,
    });
  });

  it('takes office and transport mode from the arrival when nothing was lodged, the rest unknown', () => {
    const { facts } = reportOf([anEvent.goodsArrived(DEC, { officeId: 'UZ-SAM', transportMode: 'RAIL' }, at('06:00'))]);

    expect(facts).toMatchObject({ officeId: 'UZ-SAM', transportMode: 'RAIL', regime: null, aeo: null, customsValue: null, finalLane: null });
  });

  it('splits the release time into TRS segments between consecutive milestones, then the two totals', () => {
    const { segments } = reportOf([
      anEvent.goodsArrived(DEC, {}, at('06:00')),
      anEvent.declarationLodged(DEC, {}, at('07:00')),
      anEvent.laneAssigned(DEC, { lane: 'RED' }, at('07:30')),
      anEvent.examinationStarted(DEC, {}, at('09:00')),
      anEvent.examinationCompleted(DEC, {}, at('10:15')),
      anEvent.goodsReleased(DEC, {}, at('12:00')),
    ]);

    expect(segments).toEqual([
      { from: 'arrival', to: 'lodgement', hours: 1 },
      { from: 'lodgement', to: 'lane_assignment', hours: 0.5 },
      { from: 'lane_assignment', to: 'examination_start', hours: 1.5 },
      { from: 'examination_start', to: 'examination_end', hours: 1.25 },
      { from: 'examination_end', to: 'release', hours: 1.75 },
      { from: 'arrival', to: 'release', hours: 6 },
      { from: 'lodgement', to: 'release', hours: 5 },
    ]);
  });

  it('skips milestones a declaration did not pass and shows a pre-arrival lodgement as a negative segment', () => {
    const { segments } = reportOf([
      anEvent.declarationLodged(DEC, { preArrival: true }, at('05:00')),
      anEvent.goodsArrived(DEC, {}, at('06:00')),
      anEvent.laneAssigned(DEC, { lane: 'GREEN' }, at('06:30')),
      anEvent.goodsReleased(DEC, {}, at('07:00')),
    ]);

    expect(segments).toEqual([
      { from: 'arrival', to: 'lodgement', hours: -1 },
      { from: 'lodgement', to: 'lane_assignment', hours: 1.5 },
      { from: 'lane_assignment', to: 'release', hours: 0.5 },
      { from: 'arrival', to: 'release', hours: 1 },
      { from: 'lodgement', to: 'release', hours: 2 },
    ]);
  });

  it('has no segment before two milestones are known', () => {
    expect(reportOf([anEvent.goodsArrived(DEC, {}, at('06:00'))]).segments).toEqual([]);
  });
});
