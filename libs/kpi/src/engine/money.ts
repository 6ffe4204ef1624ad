/**
 * Exact money sums. Amounts arrive as JSON numbers (binary floats), and float addition is not associative: the same
 * amounts summed in another order can differ in the last bit, which would break "same events, same KPIs". Each amount
 * is therefore split once into whole units and ten-thousandths, two integers kept in separate accumulators; integer
 * sums below 2^53 are exact in any order. Ten-thousandths cover the minor unit of every ISO 4217 currency (at most
 * 4 decimals); a finer fraction is rounded once, per amount, so the rounding too is independent of order.
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

const EXACT_WHOLE_LIMIT = Math.floor(Number.MAX_SAFE_INTEGER / MONEY_SCALE);

/**
 * The amount a pair of sums stands for: the nearest float to the exact decimal while it fits in a safe integer of
 * ten-thousandths (about 900 billion units), a float sum of the parts beyond. Deterministic either way.
 */
export function moneyValue(whole: number, fraction: number): number {
  if (whole <= EXACT_WHOLE_LIMIT) return (whole * MONEY_SCALE + fraction) / MONEY_SCALE;
  return whole + fraction / MONEY_SCALE;
}

/** `numerator / denominator` of two money sums; `null` when the denominator is 0 (a ratio over nothing). */
export function moneyRatio(
  numeratorWhole: number,
  numeratorFraction: number,
  denominatorWhole: number,
  denominatorFraction: number,
): number | null {
  if (denominatorWhole === 0 && denominatorFraction === 0) return null;
  if (numeratorWhole <= EXACT_WHOLE_LIMIT && denominatorWhole <= EXACT_WHOLE_LIMIT) {
    return (numeratorWhole * MONEY_SCALE + numeratorFraction) / (denominatorWhole * MONEY_SCALE + denominatorFraction);
  }
  return moneyValue(numeratorWhole, numeratorFraction) / moneyValue(denominatorWhole, denominatorFraction);
}
