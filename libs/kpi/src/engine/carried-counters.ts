/**
 * Counters that stay exact whatever they sum. A bucket's counters are float integers, exact only up to 2^53: 9,008
 * amounts at the 10^12 cap, or 140 release times of two thousand years, already pass it (events.md, "Limits on
 * values (v1.1)"). So each counter is a low part, kept below 2^52 in magnitude, and a carry counting units of 2^52:
 * whenever an addition takes the low part to 2^52 or beyond, the whole multiple moves into the carry. Every step is
 * an exact float operation (an addition of two values below 2^52 stays below 2^53; a power of two scales exactly),
 * so the exact total, carry × 2^52 + low, is the same in any order. Carries are almost always 0: they are kept in a
 * second array, allocated only once one is needed, and the hot path pays one comparison per addition.
 */

/** What one unit of a carry stands for. */
export const CARRY_UNIT = 2 ** 52;

/** Counters to read: their low parts, and their carries, `null` where none was ever needed (all 0). */
export interface CounterView {
  readonly values: ArrayLike<number>;
  readonly carries: ArrayLike<number> | null;
}

/** Whether a low part has to carry: a comparison on the hot path, where the carry itself is rare. */
export function mustCarry(low: number): boolean {
  return low >= CARRY_UNIT || low <= -CARRY_UNIT;
}

/**
 * Moves the whole multiple of 2^52 in `values[at]` (below 2^53 in magnitude) into `carries[carryAt]`.
 */
export function carryOver(values: Float64Array, at: number, carries: Float64Array, carryAt: number): void {
  const carry = Math.trunc(values[at]! / CARRY_UNIT);
  values[at]! -= carry * CARRY_UNIT;
  carries[carryAt]! += carry;
}

/** The exact total of counter `index`. */
export function exactCounter({ values, carries }: CounterView, index: number): bigint {
  const low = BigInt(values[index] ?? 0);
  const carry = carries?.[index] ?? 0;
  return carry === 0 ? low : BigInt(carry) * BigInt(CARRY_UNIT) + low;
}

/**
 * Counter `index` as a number: its exact total while that is a safe integer, the nearest float beyond (one rounded
 * addition of two exact terms). `Number.isSafeInteger` of the result tells which: a total of 2^53 or more never
 * rounds down to a safe integer.
 */
export function counterNumber({ values, carries }: CounterView, index: number): number {
  const low = values[index] ?? 0;
  const carry = carries?.[index] ?? 0;
  return carry === 0 ? low : carry * CARRY_UNIT + low;
}

/**
 * The sum of counters read one view at a time, exact: for a window merged from its buckets.
 */
export class CounterTotals implements CounterView {
  readonly values: Float64Array;
  carries: Float64Array | null = null;

  constructor(length: number) {
    this.values = new Float64Array(length);
  }

  add(view: CounterView): void {
    const { values } = this;
    for (let index = 0; index < values.length; index += 1) {
      values[index]! += view.values[index] ?? 0;
      if (mustCarry(values[index]!)) carryOver(values, index, (this.carries ??= new Float64Array(values.length)), index);
    }
    const carries = view.carries;
    if (carries === null) return;
    const own = (this.carries ??= new Float64Array(values.length));
    for (let index = 0; index < own.length; index += 1) own[index]! += carries[index] ?? 0;
  }
}
