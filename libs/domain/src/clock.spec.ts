import { describe, expect, it } from '@jest/globals';

import { CLOCK, systemClock } from './clock.js';

describe('systemClock', () => {
  it('tells the current time of the machine', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();

    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('is provided under a unique CLOCK token', () => {
    expect(CLOCK).not.toBe(Symbol('Clock'));
    expect(CLOCK.description).toBe('Clock');
  });
});
