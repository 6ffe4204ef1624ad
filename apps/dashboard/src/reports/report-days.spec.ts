import { describe, expect, it } from '@jest/globals';
import { defaultChosenDays, reportPeriodOf } from './report-days.js';

describe('the Reports view period', () => {
  it('opens on the 30 UTC days ending with today, today included', () => {
    expect(defaultChosenDays(Date.parse('2026-03-10T07:00:00Z'))).toEqual({ first: '2026-02-09', last: '2026-03-10' });
    expect(defaultChosenDays(Date.parse('2026-03-10T23:59:59.999Z'))).toEqual({ first: '2026-02-09', last: '2026-03-10' });
  });

  it('asks the API for the day after the last day chosen, across months and years', () => {
    expect(reportPeriodOf({ first: '2026-02-01', last: '2026-02-28' })).toEqual({ from: '2026-02-01', to: '2026-03-01' });
    expect(reportPeriodOf({ first: '2025-12-01', last: '2025-12-31' })).toEqual({ from: '2025-12-01', to: '2026-01-01' });
  });

  it('passes a last day that is no date on as it is, for the API to name the problem', () => {
    expect(reportPeriodOf({ first: '2026-02-01', last: '' })).toEqual({ from: '2026-02-01', to: '' });
  });
});
