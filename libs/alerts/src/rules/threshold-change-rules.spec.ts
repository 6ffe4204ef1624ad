import { describe, expect, it } from '@jest/globals';

import { checkThresholdChange } from './threshold-change-rules.js';

describe('checking a threshold change', () => {
  it('accepts a warning below critical where lower is better, and above it where higher is better', () => {
    expect(checkThresholdChange({ warning: 30, critical: 60 }, 'down')).toEqual({ ok: true, thresholds: { warning: 30, critical: 60 } });
    expect(checkThresholdChange({ warning: 0.9, critical: 0.7 }, 'up')).toEqual({ ok: true, thresholds: { warning: 0.9, critical: 0.7 } });
  });

  it('refuses a warning on the bad side of critical, naming the warning', () => {
    expect(checkThresholdChange({ warning: 60, critical: 30 }, 'down')).toEqual({
      ok: false,
      problems: [{ path: 'body.warning', message: 'must be below critical (30): lower is better for this KPI' }],
    });
    expect(checkThresholdChange({ warning: 0.5, critical: 0.7 }, 'up')).toEqual({
      ok: false,
      problems: [{ path: 'body.warning', message: 'must be above critical (0.7): higher is better for this KPI' }],
    });
  });

  it('refuses equal thresholds: the warning would never show', () => {
    expect(checkThresholdChange({ warning: 10, critical: 10 }, 'down')).toMatchObject({ ok: false, problems: [{ path: 'body.warning' }] });
  });

  it('names every missing, non-numeric, negative or unknown field', () => {
    expect(checkThresholdChange({ critical: '12', level: 3 }, 'down')).toEqual({
      ok: false,
      problems: [
        { path: 'body.level', message: 'is not a field of thresholds; send warning and critical only' },
        { path: 'body.warning', message: 'is required' },
        { path: 'body.critical', message: 'must be a number' },
      ],
    });
    expect(checkThresholdChange({ warning: -1, critical: 5 }, 'down')).toEqual({ ok: false, problems: [{ path: 'body.warning', message: 'must be >= 0' }] });
  });
});
