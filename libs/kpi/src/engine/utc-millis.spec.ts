import { describe, expect, it } from '@jest/globals';

import { SeededRandom } from '@customs-pulse/testing';
import { utcMillis } from './utc-millis.js';

describe('utcMillis', () => {
  it('agrees with Date.parse on stored times, leap days and century years included', () => {
    const random = new SeededRandom(42);
    const instants = ['2024-02-29T23:59:59.999Z', '2000-03-01T00:00:00.000Z', '1900-03-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z'];
    for (let draw = 0; draw < 10_000; draw += 1) {
      instants.push(new Date(random.between(-2_000_000_000, 4_000_000_000) * 1000 + random.between(0, 999)).toISOString());
    }
    for (const instant of instants) expect(utcMillis(instant)).toBe(Date.parse(instant));
  });

  it('falls back to Date.parse for any other form', () => {
    expect(utcMillis('2026-03-02T10:00:00+05:00')).toBe(Date.parse('2026-03-02T05:00:00.000Z'));
    expect(utcMillis('not a time')).toBeNaN();
  });
});
