import { describe, expect, it } from '@jest/globals';
import { SeededRandom } from '@customs-pulse/testing';

import { nearestRatio } from './nearest-ratio.js';

describe('the float nearest to a ratio of integers', () => {
  it('equals float division wherever both operands are exact floats (division rounds once)', () => {
    const random = new SeededRandom(53);
    for (let round = 0; round < 2_000; round += 1) {
      const top = random.between(0, Number.MAX_SAFE_INTEGER);
      const bottom = random.between(1, random.chance(0.5) ? 1_000 : Number.MAX_SAFE_INTEGER);
      expect(nearestRatio(BigInt(top), BigInt(bottom))).toBe(top / bottom);
      expect(nearestRatio(BigInt(-top), BigInt(bottom))).toBe(-top / bottom);
    }
  });

  it('rounds an exact tie to even, and a remainder past the tie up', () => {
    // 2^53 + 1 lies halfway between 2^53 and 2^53 + 2.
    expect(nearestRatio(2n ** 53n + 1n, 1n)).toBe(2 ** 53);
    expect(nearestRatio(2n ** 53n + 3n, 1n)).toBe(2 ** 53 + 4);
    // (2^54 + 2 + 1/3) / 2 = 2^53 + 1 + 1/6: just past the tie.
    expect(nearestRatio(3n * 2n ** 54n + 7n, 6n)).toBe(2 ** 53 + 2);
  });

  it('reads decimals beyond 2^53 as the decimal parser does', () => {
    expect(nearestRatio(100_000_000_000_099_999_999n, 10_000n)).toBe(Number('10000000000009999.9999'));
    expect(nearestRatio(10n ** 30n + 1n, 10n ** 4n)).toBe(1e26);
  });
});
