import { describe, expect, it } from '@jest/globals';
import { targetBarGeometry } from './target-bar.js';

describe('targetBarGeometry', () => {
  it('fills to the progress and marks the expected value on the baseline-to-target scale, lower being better', () => {
    // baseline 10 h, target 6 h: 8 h expected is half way
    expect(targetBarGeometry({ progress: 0.25, expected: 8, baselineValue: 10, target: 6 })).toEqual({ fill: 0.25, expected: 0.5 });
  });

  it('does the same when higher is better', () => {
    // baseline 0.6, target 0.8: 0.75 expected is three quarters of the way
    const geometry = targetBarGeometry({ progress: 0.5, expected: 0.75, baselineValue: 0.6, target: 0.8 });
    expect(geometry.fill).toBe(0.5);
    expect(geometry.expected).toBeCloseTo(0.75, 10);
  });

  it('keeps a value worse than the baseline or beyond the target on the bar', () => {
    expect(targetBarGeometry({ progress: -0.4, expected: 12, baselineValue: 10, target: 6 })).toEqual({ fill: 0, expected: 0 });
    expect(targetBarGeometry({ progress: 1.3, expected: 5, baselineValue: 10, target: 6 })).toEqual({ fill: 1, expected: 1 });
  });

  it('leaves the bar empty and unmarked without a recent value or a baseline value', () => {
    expect(targetBarGeometry({ progress: null, expected: 8, baselineValue: 10, target: 6 })).toEqual({ fill: 0, expected: 0.5 });
    expect(targetBarGeometry({ progress: null, expected: null, baselineValue: null, target: 6 })).toEqual({ fill: 0, expected: null });
  });
});
