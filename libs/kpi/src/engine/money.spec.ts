import { describe, expect, it } from '@jest/globals';
import { SeededRandom } from '@customs-pulse/testing';

import { CounterTotals } from './carried-counters.js';
import { moneyRatio, moneyValue, splitAmount, tenThousandths } from './money.js';

const SUM = { whole: 0, fraction: 1 };

/** The amounts summed one at a time, as counters of whole units and ten-thousandths. */
function summed(amounts: readonly number[]): CounterTotals {
  const totals = new CounterTotals(2);
  for (const amount of amounts) {
    const { whole, fraction } = splitAmount(amount);
    totals.add({ values: [whole, fraction], carries: null });
  }
  return totals;
}

/** An amount written as a decimal, in ten-thousandths, exactly. */
function exactTenThousandths(decimal: string): bigint {
  const [units = '0', fraction = ''] = decimal.split('.');
  return BigInt(units) * 10_000n + BigInt(fraction.padEnd(4, '0'));
}

/** The float nearest to a number of ten-thousandths, by the decimal parser (an oracle independent of money.ts). */
function nearestFloat(tenThousandths: bigint): number {
  const text = tenThousandths.toString().padStart(5, '0');
  return Number(`${text.slice(0, -4)}.${text.slice(-4)}`);
}

/** At and below the v1.1 cap of 10^12, each with a fraction a float holds exactly enough to split to itself. */
const NEAR_CAP = ['1000000000000', '999999999999.5', '999999999999.75', '999999999999.125', '999999999998.25'];
const SMALL = ['987654321.1234', '0.0001'];

/** 10,000 amounts, one in 50 small. */
const DECIMALS = Array.from({ length: 10_000 }, (_, index) =>
  index % 50 === 0 ? SMALL[(index / 50) % SMALL.length]! : NEAR_CAP[index % NEAR_CAP.length]!,
);

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
    expect(moneyValue(summed(amounts), SUM)).toBe(1000000013.01);
    expect(moneyValue(summed([...amounts].reverse()), SUM)).toBe(1000000013.01);
  });

  it('sums 10,000 amounts up to 10^12 exactly, to the float nearest the exact decimal, in any order', () => {
    const decimals = DECIMALS;
    const exact = decimals.reduce((sum, decimal) => sum + exactTenThousandths(decimal), 0n);
    // Beyond 2^53 whole units, where neither a float sum nor the old counter of whole units was exact.
    expect(exact / 10_000n > 2n ** 53n).toBe(true);
    const amounts = decimals.map(Number);
    const expected = nearestFloat(exact);
    const random = new SeededRandom(15);
    for (const order of [amounts, [...amounts].reverse(), random.shuffled(amounts), random.shuffled(amounts)]) {
      const totals = summed(order);
      expect(tenThousandths(totals, SUM)).toBe(exact);
      expect(moneyValue(totals, SUM)).toBe(expected);
    }
  });

  it('divides two sums, with null over a zero denominator', () => {
    // 1.5 / 0.5 = 3
    expect(moneyRatio({ values: [1, 5000, 0, 5000], carries: null }, SUM, { whole: 2, fraction: 3 })).toBe(3);
    expect(moneyRatio({ values: [1, 0, 0, 0], carries: null }, SUM, { whole: 2, fraction: 3 })).toBeNull();
  });

  it('divides sums beyond 2^53 ten-thousandths to the float nearest the exact ratio', () => {
    const paid = summed(Array<number>(9_000).fill(1e12));
    const assessed = summed(Array<number>(10_000).fill(1e12));
    const both = { values: [...paid.values, ...assessed.values], carries: [...(paid.carries ?? [0, 0]), ...(assessed.carries ?? [0, 0])] };
    expect(moneyRatio(both, SUM, { whole: 2, fraction: 3 })).toBe(0.9);
  });
});
