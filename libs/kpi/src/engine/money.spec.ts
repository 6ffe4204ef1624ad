import { describe, expect, it } from '@jest/globals';

import { moneyRatio, moneyValue, splitAmount } from './money.js';

function sumInOrder(amounts: readonly number[]): number {
  let whole = 0;
  let fraction = 0;
  for (const amount of amounts) {
    const parts = splitAmount(amount);
    whole += parts.whole;
    fraction += parts.fraction;
  }
  return moneyValue(whole, fraction);
}

describe('exact money sums', () => {
  it('splits an amount into whole units and ten-thousandths', () => {
    expect(splitAmount(1234.56)).toEqual({ whole: 1234, fraction: 5600 });
    expect(splitAmount(0.1)).toEqual({ whole: 0, fraction: 1000 });
    expect(splitAmount(7)).toEqual({ whole: 7, fraction: 0 });
  });

  it('rounds a fraction finer than a ten-thousandth once, per amount, carrying into the whole', () => {
    expect(splitAmount(2.00004)).toEqual({ whole: 2, fraction: 0 });
    expect(splitAmount(2.99996)).toEqual({ whole: 3, fraction: 0 });
  });

  it('sums to the same exact decimal in any order, where float addition does not', () => {
    const amounts = [0.1, 0.2, 0.3, 1e9 + 0.07, 12.34];
    expect(0.1 + 0.2 + 0.3).not.toBe(0.3 + 0.2 + 0.1);
    // 0.1 + 0.2 + 0.3 + 1000000000.07 + 12.34 = 1000000013.01
    expect(sumInOrder(amounts)).toBe(1000000013.01);
    expect(sumInOrder([...amounts].reverse())).toBe(1000000013.01);
  });

  it('divides two sums, with null over a zero denominator', () => {
    // 1.5 / 0.5 = 3
    expect(moneyRatio(1, 5000, 0, 5000)).toBe(3);
    expect(moneyRatio(1, 0, 0, 0)).toBeNull();
  });
});
