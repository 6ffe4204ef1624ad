import { describe, expect, it } from '@jest/globals';
import { SeededRandom } from '@customs-pulse/testing';

import { CARRY_UNIT, exactCounter } from './carried-counters.js';
import { countersFromJson, countersToJson } from './counters-json.js';
import { MalformedBucketJsonError } from './malformed-bucket-json-error.js';

const FIELDS = 4;

/** Counters in any representation a bucket can hold: low parts below 2^52 in magnitude, carries of either sign. */
function anyCounters(random: SeededRandom): { values: Float64Array; carries: Float64Array | null } {
  const part = (limit: number): number => random.between(-limit, limit);
  const values = Float64Array.from({ length: FIELDS }, () => part(random.chance(0.5) ? 1_000 : CARRY_UNIT - 1));
  const carries = random.chance(0.3) ? null : Float64Array.from({ length: FIELDS }, () => part(random.chance(0.5) ? 3 : 2 ** 40));
  return { values, carries };
}

const totals = (view: { values: ArrayLike<number>; carries: ArrayLike<number> | null }): bigint[] =>
  Array.from({ length: FIELDS }, (_, index) => exactCounter(view, index));

describe('the persisted form of counters', () => {
  it('loads back the exact totals it saved, through JSON text, for any representation of them', () => {
    const random = new SeededRandom(52);
    for (let round = 0; round < 5_000; round += 1) {
      const counters = anyCounters(random);
      const json = JSON.parse(JSON.stringify(countersToJson(Array.from(counters.values), counters.carries)));
      expect(totals(countersFromJson(json, FIELDS, 'test'))).toEqual(totals(counters));
    }
  });

  it('writes one form per set of totals, and the form before carries for totals below 2^52', () => {
    // 2^52 + 5 held as (1, 5) and as (2, 5 - 2^52).
    const a = countersToJson([5, 7, 0, -3], Float64Array.from([1, 0, 0, 0]));
    const b = countersToJson([5 - CARRY_UNIT, 7, CARRY_UNIT - 1, -3], Float64Array.from([2, 0, -1, 0]));
    expect(a).toEqual({ values: [5, 7, 0, -3], carries: [1, 0, 0, 0] });
    expect(b).toEqual({ values: [5, 7, -1, -3], carries: [1, 0, 0, 0] });
    expect(countersToJson([1, 2, 3, 4], Float64Array.from([0, 0, 0, 0]))).toEqual({ values: [1, 2, 3, 4] });
  });

  it('loads the form before carries, low parts up to 2^53 included', () => {
    const loaded = countersFromJson({ values: [Number.MAX_SAFE_INTEGER, 1, 0, 2] }, FIELDS, 'test');
    expect(totals(loaded)).toEqual([2n ** 53n - 1n, 1n, 0n, 2n]);
  });

  it('refuses counters that are not integers, naming the measure', () => {
    expect(() => countersFromJson({ values: [1, 2, 3] }, FIELDS, 'duties')).toThrow(MalformedBucketJsonError);
    expect(() => countersFromJson({ values: [1, 2, 3, 2 ** 53] }, FIELDS, 'duties')).toThrow('values are not 4 integers for duties');
    expect(() => countersFromJson({ values: [1, 2, 3, 4], carries: [0.5, 0, 0, 0] }, FIELDS, 'duties')).toThrow(
      'carries are not 4 integers for duties',
    );
  });
});
