import { describe, expect, it } from '@jest/globals';
import { thresholdStatus } from './threshold-status.js';

describe('thresholdStatus', () => {
  const releaseTime = { warning: 24, critical: 48 };
  const greenLane = { warning: 0.7, critical: 0.5 };

  it.each([
    [12, 'ok'],
    [24, 'warning'],
    [47.9, 'warning'],
    [48, 'critical'],
  ] as const)('rates %p hours of release time (lower is better) %p', (value, status) => {
    expect(thresholdStatus(value, 'down', releaseTime)).toBe(status);
  });

  it.each([
    [0.9, 'ok'],
    [0.7, 'warning'],
    [0.51, 'warning'],
    [0.5, 'critical'],
    [0, 'critical'],
  ] as const)('rates a green-lane rate (higher is better) of %p %p', (value, status) => {
    expect(thresholdStatus(value, 'up', greenLane)).toBe(status);
  });

  it('calls a KPI without thresholds unrated, and nothing observed empty', () => {
    expect(thresholdStatus(1_000, 'up', null)).toBe('unrated');
    expect(thresholdStatus(null, 'down', releaseTime)).toBe('empty');
  });
});
