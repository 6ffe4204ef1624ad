import { CARRY_UNIT, carryOver, mustCarry } from './carried-counters.js';
import { MalformedBucketJsonError } from './malformed-bucket-json-error.js';

/**
 * The persisted form of a bucket's counters (carried-counters.ts): the low parts, and the carries only where one is
 * not 0, so that a bucket that never carried is written as before carries existed. Writing and reading agree by
 * construction: the writer puts out each counter in its canonical form (the carry truncated towards 0, the low part
 * below 2^52 in magnitude with the sign of the total), every part a safe integer, and the reader takes any pair of
 * safe integers, a low part up to 2^53 included, which is how counters were written before carries.
 */
export interface CountersJson {
  /** Low parts, in the order of the measure's fields. */
  readonly values: number[];
  /** Units of 2^52 to add to each counter; absent when all are 0. */
  readonly carries?: number[];
}

/** Counters decoded, their low parts below 2^52 in magnitude. */
export interface DecodedCounters {
  readonly values: Float64Array;
  readonly carries: Float64Array | null;
}

/**
 * The canonical persisted form of counters (carried-counters.ts).
 * @param values - a fresh list of their low parts, below 2^52 in magnitude, which the result may hold and rewrite.
 */
export function countersToJson(values: number[], carried: ArrayLike<number> | null): CountersJson {
  if (carried === null) return { values };
  const carries = new Array<number>(values.length);
  let carrying = false;
  for (let index = 0; index < values.length; index += 1) {
    let carry = carried[index]!;
    let low = values[index]!;
    // Both below 2^52 in magnitude, so a borrow leaves the low part there, with the sign of the total.
    if (carry > 0 && low < 0) [carry, low] = [carry - 1, low + CARRY_UNIT];
    else if (carry < 0 && low > 0) [carry, low] = [carry + 1, low - CARRY_UNIT];
    // 2^53 carries would take 2^105 of anything: refuse to write what could not be read back, should it ever come.
    if (!Number.isSafeInteger(carry)) throw new RangeError(`counter ${index} carries ${carry} units of 2^52, beyond what can be persisted`);
    values[index] = low;
    carries[index] = carry;
    carrying ||= carry !== 0;
  }
  return carrying ? { values, carries } : { values };
}

/**
 * Counters back from {@link countersToJson}, or from the form before carries. @throws MalformedBucketJsonError
 */
export function countersFromJson(json: { readonly values?: unknown; readonly carries?: unknown }, length: number, measure: string): DecodedCounters {
  if (!isSafeIntegers(json.values, length)) throw new MalformedBucketJsonError(`values are not ${length} integers for ${measure}`);
  const values = Float64Array.from(json.values);
  let carries: Float64Array | null = null;
  if (json.carries !== undefined && json.carries !== null) {
    if (!isSafeIntegers(json.carries, length)) throw new MalformedBucketJsonError(`carries are not ${length} integers for ${measure}`);
    carries = Float64Array.from(json.carries);
  }
  for (let index = 0; index < length; index += 1) {
    if (mustCarry(values[index]!)) carryOver(values, index, (carries ??= new Float64Array(length)), index);
  }
  return { values, carries };
}

function isSafeIntegers(value: unknown, length: number): value is number[] {
  return Array.isArray(value) && value.length === length && value.every(Number.isSafeInteger);
}
