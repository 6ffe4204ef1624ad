import { type CounterView, counterNumber, exactCounter } from './carried-counters.js';
import { nearestRatio } from './nearest-ratio.js';

/**
 * Exact money sums. Amounts arrive as JSON numbers (binary floats), and float addition is not associative: the same
 * amounts summed in another order can differ in the last bit, which would break "same events, same KPIs". Each amount
 * is therefore split once into whole units and ten-thousandths, two integers kept in separate counters, which carry
 * rather than round (carried-counters.ts): their sums are exact in any order, for any number of amounts.
 * Ten-thousandths cover the minor unit of every ISO 4217 currency (at most 4 decimals); a finer fraction is rounded
 * once, per amount, so the rounding too is independent of order.
 */

/** Ten-thousandths in one unit of the reporting currency. */
export const MONEY_SCALE = 10_000;

/** An amount as whole units and ten-thousandths, each an integer. */
export interface MoneyParts {
  readonly whole: number;
  readonly fraction: number;
}

/** Splits an amount (>= 0, as events.md requires) into exact parts. */
export function splitAmount(amount: number): MoneyParts {
  const whole = Math.floor(amount);
  const fraction = Math.round((amount - whole) * MONEY_SCALE);
  // 0.99995 and above round up to the next unit.
  return fraction === MONEY_SCALE ? { whole: whole + 1, fraction: 0 } : { whole, fraction };
}

/** Where a money sum's two counters are in a measure's counters. */
export interface MoneyCounters {
  readonly whole: number;
  readonly fraction: number;
}

/**
 * The exact sum in ten-thousandths: a number while it is a safe integer (always, short of about 900 billion units),
 * a bigint beyond.
 */
export function tenThousandths(counters: CounterView, { whole, fraction }: MoneyCounters): number | bigint {
  const sum = counterNumber(counters, whole) * MONEY_SCALE + counterNumber(counters, fraction);
  // Rounding never takes a sum of 2^53 or more back to a safe integer: a safe result is exact.
  if (Number.isSafeInteger(sum)) return sum;
  return exactCounter(counters, whole) * BigInt(MONEY_SCALE) + exactCounter(counters, fraction);
}

/** The amount a money sum stands for: the float nearest to the exact decimal. */
export function moneyValue(counters: CounterView, sum: MoneyCounters): number {
  const exact = tenThousandths(counters, sum);
  // A division of two exact operands rounds once, as nearestRatio does.
  return typeof exact === 'number' ? exact / MONEY_SCALE : nearestRatio(exact, BigInt(MONEY_SCALE));
}

/** `top / bottom` of two money sums, the float nearest to the exact ratio; `null` when `bottom` is 0. */
export function moneyRatio(counters: CounterView, top: MoneyCounters, bottom: MoneyCounters): number | null {
  const numerator = tenThousandths(counters, top);
  const denominator = tenThousandths(counters, bottom);
  if (denominator === 0) return null;
  if (typeof numerator === 'number' && typeof denominator === 'number') return numerator / denominator;
  return nearestRatio(BigInt(numerator), BigInt(denominator));
}
