import { describe, expect, it } from '@jest/globals';
import { formatCount, formatKpiValue } from './kpi-format.js';

describe('formatKpiValue', () => {
  it.each([
    [3.44, 'hours', '3.4 h'],
    [0.7, 'hours', '42 min'],
    [100, 'hours', '4.2 d'],
    [12, 'seconds', '12.0 s'],
    [600, 'seconds', '10.0 min'],
    [36_000, 'seconds', '10.0 h'],
    [0.875, 'ratio', '87.5 %'],
    [1.04, 'ratio', '104.0 %'],
    [1_234, 'count', '1,234'],
    [9_500, 'money', '9,500'],
    [1_250_000, 'money', '1.25M'],
    [130_612, 'money', '131K'],
  ] as const)('shows %p %s as %p', (value, unit, shown) => {
    expect(formatKpiValue(value, unit)).toBe(shown);
  });

  it('shows targeting lift as a multiplier, not a share', () => {
    expect(formatKpiValue(2.5, 'ratio', 'targeting_lift')).toBe('2.50×');
  });

  it('shows nothing observed as a dash', () => {
    expect(formatKpiValue(null, 'hours')).toBe('—');
  });
});

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(12_345)).toBe('12,345');
  });
});
