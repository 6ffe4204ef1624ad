import { describe, expect, it } from '@jest/globals';

import { type ThresholdCase, judgeKpiThreshold } from './kpi-threshold.rule.js';

/** release_time_mean: lower is better, warning 24 h, critical 48 h. */
const releaseTime = { thresholds: { warning: 24, critical: 48 }, direction: 'down' } as const;
/** released_within_target_rate: higher is better, warning 0.8, critical 0.6. */
const withinTarget = { thresholds: { warning: 0.8, critical: 0.6 }, direction: 'up' } as const;

/** Given a KPI, the alert active for the slice and a current value, when the rule judges it. */
function judge(kpi: Pick<ThresholdCase, 'thresholds' | 'direction'>, active: ThresholdCase['active'], value: number | null, n = 20, minObservations = 20) {
  return judgeKpiThreshold({ ...kpi, active, reading: { value, n }, minObservations });
}

describe('the threshold rule, for a KPI where lower is better (direction down)', () => {
  it('raises a warning when the value crosses the warning threshold upwards', () => {
    expect(judge(releaseTime, null, 30)).toEqual({ action: 'raise', severity: 'warning', threshold: 24 });
  });

  it('raises a critical alert at once when the value is beyond the critical threshold', () => {
    expect(judge(releaseTime, null, 50)).toEqual({ action: 'raise', severity: 'critical', threshold: 48 });
  });

  it('does not raise for a value equal to a threshold: crossing means going beyond it', () => {
    expect(judge(releaseTime, null, 24)).toEqual({ action: 'keep', why: 'unchanged' });
    expect(judge(releaseTime, null, 48)).toEqual({ action: 'raise', severity: 'warning', threshold: 24 });
  });

  it('does not raise for a value on the good side', () => {
    expect(judge(releaseTime, null, 3)).toEqual({ action: 'keep', why: 'unchanged' });
  });
});

describe('the threshold rule, for a KPI where higher is better (direction up)', () => {
  it('raises a warning when the value falls below the warning threshold', () => {
    expect(judge(withinTarget, null, 0.7)).toEqual({ action: 'raise', severity: 'warning', threshold: 0.8 });
  });

  it('raises a critical alert when the value falls below the critical threshold', () => {
    expect(judge(withinTarget, null, 0.5)).toEqual({ action: 'raise', severity: 'critical', threshold: 0.6 });
  });

  it('does not raise for a high value, which is good here', () => {
    expect(judge(withinTarget, null, 0.95)).toEqual({ action: 'keep', why: 'unchanged' });
  });
});

describe('the threshold rule’s minimum of observations', () => {
  it('does not raise on 19 observations, and raises on 20 (the default of ALERT_MIN_OBSERVATIONS)', () => {
    expect(judge(releaseTime, null, 100, 19)).toEqual({ action: 'keep', why: 'too_few_observations' });
    expect(judge(releaseTime, null, 100, 20)).toMatchObject({ action: 'raise', severity: 'critical' });
  });

  it('follows the configured minimum', () => {
    expect(judge(releaseTime, null, 100, 5, 5)).toMatchObject({ action: 'raise' });
    expect(judge(releaseTime, null, 100, 49, 50)).toEqual({ action: 'keep', why: 'too_few_observations' });
  });

  it('does not resolve on too few observations either: thin evidence clears nothing', () => {
    expect(judge(releaseTime, 'critical', 2, 3)).toEqual({ action: 'keep', why: 'too_few_observations' });
  });
});

describe('one active alert per KPI and slice', () => {
  it('raises nothing more while an alert is active and the value stays beyond the same threshold', () => {
    expect(judge(releaseTime, 'warning', 30)).toEqual({ action: 'keep', why: 'unchanged' });
    expect(judge(releaseTime, 'critical', 60)).toEqual({ action: 'keep', why: 'unchanged' });
  });
});

describe('escalation', () => {
  it('escalates an active warning when the value crosses the critical threshold', () => {
    expect(judge(releaseTime, 'warning', 49)).toEqual({ action: 'escalate', threshold: 48 });
    expect(judge(withinTarget, 'warning', 0.59)).toEqual({ action: 'escalate', threshold: 0.6 });
  });

  it('keeps a critical alert critical when the value eases into the warning band: severity only goes up', () => {
    expect(judge(releaseTime, 'critical', 30)).toEqual({ action: 'keep', why: 'unchanged' });
  });
});

describe('automatic resolution', () => {
  it('resolves an active alert when the value is back inside the warning threshold', () => {
    expect(judge(releaseTime, 'critical', 20)).toEqual({ action: 'resolve' });
    expect(judge(withinTarget, 'warning', 0.85)).toEqual({ action: 'resolve' });
  });

  it('resolves at a value equal to the warning threshold, which is inside it', () => {
    expect(judge(releaseTime, 'warning', 24)).toEqual({ action: 'resolve' });
  });
});

describe('KPIs the rule cannot judge', () => {
  it('leaves a KPI without thresholds alone', () => {
    expect(judgeKpiThreshold({ thresholds: null, direction: 'up', active: null, reading: { value: 0, n: 100 }, minObservations: 20 })).toEqual({
      action: 'keep',
      why: 'no_thresholds',
    });
  });

  it('leaves a value over nothing (null) alone', () => {
    expect(judge(releaseTime, 'warning', null, 0)).toEqual({ action: 'keep', why: 'no_value' });
  });
});
