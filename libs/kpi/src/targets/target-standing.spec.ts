import { describe, expect, it } from '@jest/globals';

import { type TargetDefinition } from './strategic-target.js';
import { targetStanding } from './target-standing.js';

const at = (text: string): number => Date.parse(text);
const MIN = 20;
const many = (value: number | null, n = 100) => ({ value, n });

/**
 * Lower is better: 10 h over 2025 (the baseline), 6 h by 2026-01-11. Expected on the straight line from
 * (2026-01-01, 10) to (2026-01-11, 6): 0.4 h less per day, so 8 h on 2026-01-06.
 */
const releaseTime: TargetDefinition = {
  objective: 'Cut the average release time',
  kpiId: 'release_time_mean',
  filters: {},
  baseline: { from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' },
  target: 6,
  deadline: '2026-01-11',
  milestones: [],
};

/** Higher is better: 60 % green lanes at the baseline, 80 % by 2026-01-11; 70 % expected on 2026-01-06. */
const greenLanes: TargetDefinition = { ...releaseTime, kpiId: 'green_lane_rate', target: 0.8 };

const down = (recent: number | null, when = '2026-01-06T00:00:00Z', recentN = 100, baselineN = 100) =>
  targetStanding(releaseTime, 'down', { baseline: many(10, baselineN), recent: many(recent, recentN) }, at(when), MIN);
const up = (recent: number | null, when = '2026-01-06T00:00:00Z') =>
  targetStanding(greenLanes, 'up', { baseline: many(0.6), recent: many(recent) }, at(when), MIN);

describe('a baseline value that late events brought to the target itself', () => {
  it('has no progress (null, not Infinity or NaN), while its status still follows the recent value', () => {
    const standing = (recent: number) => targetStanding(releaseTime, 'down', { baseline: many(6), recent: many(recent) }, at('2026-01-06T00:00:00Z'), MIN);

    expect(standing(6)).toMatchObject({ progress: null, status: 'achieved' });
    expect(standing(7)).toMatchObject({ progress: null, status: 'off_track' });
  });
});

describe('a target where lower is better (release time, 10 h to 6 h)', () => {
  it('expects the baseline value at baseline.to, the target at the deadline, and the line between', () => {
    expect(down(9, '2026-01-01T00:00:00Z').expected).toBe(10);
    expect(down(9, '2026-01-06T00:00:00Z').expected).toBe(8);
    // 2.5 days in: 10 - 0.4 * 2.5
    expect(down(9, '2026-01-03T12:00:00Z').expected).toBeCloseTo(9, 12);
    expect(down(9, '2026-01-11T00:00:00Z').expected).toBe(6);
  });

  it('expects the baseline value before baseline.to and the target after the deadline', () => {
    expect(down(9, '2025-12-15T00:00:00Z').expected).toBe(10);
    expect(down(9, '2026-03-01T00:00:00Z').expected).toBe(6);
  });

  it('is achieved at or beyond the target: progress 1 at it, above 1 beyond it', () => {
    expect(down(6)).toMatchObject({ status: 'achieved', progress: 1 });
    // (5 - 10) / (6 - 10)
    expect(down(5)).toMatchObject({ status: 'achieved', progress: 1.25 });
  });

  it('is on track at or beyond the expected value', () => {
    // expected 8; (8 - 10) / (6 - 10) = 0.5
    expect(down(8)).toMatchObject({ status: 'on_track', expected: 8, progress: 0.5 });
    expect(down(7)).toMatchObject({ status: 'on_track', progress: 0.75 });
  });

  it('is at risk when behind the expected value but not worse than the baseline', () => {
    expect(down(9)).toMatchObject({ status: 'at_risk', progress: 0.25 });
    // equal to the baseline is not worse than it
    expect(down(10)).toMatchObject({ status: 'at_risk', progress: 0 });
  });

  it('is off track when worse than the baseline, with negative progress', () => {
    // (11 - 10) / (6 - 10)
    expect(down(11)).toMatchObject({ status: 'off_track', progress: -0.25 });
  });

  it('after the deadline, short of the target, is at risk or off track, never on track', () => {
    expect(down(7, '2026-02-01T00:00:00Z')).toMatchObject({ status: 'at_risk', expected: 6 });
    expect(down(12, '2026-02-01T00:00:00Z')).toMatchObject({ status: 'off_track', expected: 6 });
    expect(down(6, '2026-02-01T00:00:00Z')).toMatchObject({ status: 'achieved' });
  });
});

describe('a target where higher is better (green lanes, 60 % to 80 %)', () => {
  it('is achieved, on track, at risk or off track as the recent value stands to target, expected and baseline', () => {
    expect(up(0.8)).toMatchObject({ status: 'achieved', expected: 0.7 });
    expect(up(0.85).status).toBe('achieved');
    expect(up(0.7).status).toBe('on_track');
    expect(up(0.72).status).toBe('on_track');
    expect(up(0.65).status).toBe('at_risk');
    expect(up(0.6).status).toBe('at_risk');
    expect(up(0.55).status).toBe('off_track');
    // (0.55 - 0.6) / (0.8 - 0.6)
    expect(up(0.55).progress).toBeCloseTo(-0.25, 12);
    expect(up(0.75).progress).toBeCloseTo(0.75, 12);
  });
});

describe('milestones', () => {
  // 10 h at 2026-01-01, 9.5 h on 2026-01-03, 6 h at 2026-01-11
  const plan: TargetDefinition = { ...releaseTime, milestones: [{ date: '2026-01-03', value: 9.5 }] };
  const standing = (recent: number, when: string) => targetStanding(plan, 'down', { baseline: many(10), recent: many(recent) }, at(when), MIN);

  it('bend the line: straight to each milestone, then to the target', () => {
    // half-way to the milestone: 10 + (9.5 - 10) / 2
    expect(standing(9, '2026-01-02T00:00:00Z').expected).toBe(9.75);
    expect(standing(9, '2026-01-03T00:00:00Z').expected).toBe(9.5);
    // half-way from the milestone (01-03) to the deadline (01-11): 9.5 + (6 - 9.5) / 2
    expect(standing(9, '2026-01-07T00:00:00Z').expected).toBe(7.75);
  });

  it('judge against the bent line: 9.6 h is at risk before the milestone, 9 h on track after it', () => {
    expect(standing(9.6, '2026-01-03T00:00:00Z').status).toBe('at_risk');
    expect(standing(9.6, '2026-01-02T00:00:00Z').status).toBe('on_track');
  });

  it('may bend the line away from the target for a while (a milestone above the baseline where lower is better)', () => {
    const detour: TargetDefinition = { ...releaseTime, milestones: [{ date: '2026-01-03', value: 11 }] };
    expect(targetStanding(detour, 'down', { baseline: many(10), recent: many(10.5) }, at('2026-01-02T00:00:00Z'), MIN)).toMatchObject({
      expected: 10.5,
      status: 'on_track',
    });
  });
});

describe('too few observations', () => {
  it('are insufficient data when recentN is below ALERT_MIN_OBSERVATIONS, progress still shown', () => {
    expect(down(6, undefined, 19)).toMatchObject({ status: 'insufficient_data', progress: 1, recentN: 19 });
    expect(down(6, undefined, 20).status).toBe('achieved');
  });

  it('are insufficient data when baselineN is below it', () => {
    expect(down(6, undefined, 100, 19)).toMatchObject({ status: 'insufficient_data', baselineN: 19 });
  });

  it('are insufficient data, with progress null, when there is no recent value', () => {
    expect(down(null, undefined, 0)).toMatchObject({ status: 'insufficient_data', progress: null, recentValue: null, expected: 8 });
  });

  it('are insufficient data, with neither expected value nor progress, when there is no baseline value', () => {
    expect(targetStanding(releaseTime, 'down', { baseline: many(null, 0), recent: many(7) }, at('2026-01-06T00:00:00Z'), MIN)).toEqual({
      baselineValue: null,
      baselineN: 0,
      recentValue: 7,
      recentN: 100,
      expected: null,
      progress: null,
      status: 'insufficient_data',
    });
  });
});
