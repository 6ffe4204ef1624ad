import { describe, expect, it } from '@jest/globals';

import { AlertRulesReadiness } from './alert-rules-readiness.js';

describe('AlertRulesReadiness', () => {
  it('is ready while the judge works', () => {
    expect(new AlertRulesReadiness({ failure: null }).check()).toEqual({ ready: true, failing: false, consecutiveFailures: 0 });
  });

  it('is not ready while the judge fails, and names the error', () => {
    const status = new AlertRulesReadiness({ failure: { consecutive: 3, error: 'a bug in the judge' } }).check();
    expect(status).toEqual({ ready: false, failing: true, consecutiveFailures: 3, error: 'a bug in the judge' });
  });
});
