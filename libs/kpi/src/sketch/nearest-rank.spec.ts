import { describe, expect, it } from '@jest/globals';

import { nearestRank } from './nearest-rank.js';

describe('nearestRank', () => {
  it('is ceil(p*n)', () => {
    expect(nearestRank(0.5, 10)).toBe(5);
    expect(nearestRank(0.55, 10)).toBe(6);
    expect(nearestRank(0.9, 11)).toBe(10);
    expect(nearestRank(0.95, 3)).toBe(3);
  });

  it('stays within [1, n]', () => {
    expect(nearestRank(0.001, 10)).toBe(1);
    expect(nearestRank(1, 10)).toBe(10);
    expect(nearestRank(0.5, 1)).toBe(1);
  });

  it('takes a product a few ulps above an integer as that integer', () => {
    expect(0.07 * 100).toBeGreaterThan(7);
    expect(nearestRank(0.07, 100)).toBe(7);
    expect(nearestRank(0.14, 50)).toBe(7);
  });

  it('matches integer arithmetic for every whole percent and n up to 1,000', () => {
    const mismatches: string[] = [];
    for (let percent = 1; percent <= 100; percent += 1) {
      for (let n = 1; n <= 1_000; n += 1) {
        const exact = Math.floor((percent * n + 99) / 100);
        if (nearestRank(percent / 100, n) !== exact) mismatches.push(`${percent}% of ${n}`);
      }
    }

    expect(mismatches).toEqual([]);
  });
});
