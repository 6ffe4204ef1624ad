import { describe, expect, it } from '@jest/globals';

import { type BucketAddress, bucketKey } from '../engine/bucket-key.js';
import { DAY_MS, HOUR_MS } from '../engine/bucket-time.js';
import { MEASURE_IDS } from '../engine/measures.js';
import { sliceKey } from '../engine/slices.js';
import { type BucketKeyRange, bucketLineRange, heldBucketRanges } from './bucket-key-ranges.js';

const START = Date.parse('2026-03-02T10:00:00.000Z');
const SLICES = ['', sliceKey({ office: 'A' }), sliceKey({ office: 'A', transportMode: 'SEA' }), sliceKey({ office: 'Ü|&' })];

/** Bytewise, as SQLite's BINARY and PostgreSQL's "C" compare: the keys are ASCII, where UTF-16 order is byte order. */
const inRange = (key: string, range: BucketKeyRange): boolean => key >= range.from && key < range.to;
/** SQL's `substr(key, at)`: from the 1-based position `at` to the end, '' past it. */
const substr = (key: string, at: number): string => key.slice(at - 1);

describe('bucket key ranges', () => {
  it("places the slice of every key at sliceAt, measure length + granularity length + 24 + 4, the total's '' included", () => {
    for (const measure of MEASURE_IDS) {
      for (const granularity of ['hour', 'day'] as const) {
        const { sliceAt } = bucketLineRange({ measure, granularity, slice: '' }, START, START + DAY_MS);
        expect(sliceAt).toBe(measure.length + granularity.length + 24 + 4);
        for (const slice of SLICES) expect(substr(bucketKey({ measure, granularity, start: START, slice }), sliceAt)).toBe(slice);
      }
    }
  });

  it("holds a line's keys from its first start to before its last, in every slice, and no other measure's or granularity's", () => {
    const range = bucketLineRange({ measure: 'examination', granularity: 'hour', slice: '' }, START, START + 3 * HOUR_MS);
    const key = (address: Partial<BucketAddress>): string =>
      bucketKey({ measure: 'examination', granularity: 'hour', start: START, slice: '', ...address });

    for (const slice of SLICES) {
      expect(inRange(key({ slice }), range)).toBe(true);
      expect(inRange(key({ slice, start: START + 2 * HOUR_MS }), range)).toBe(true);
      expect(inRange(key({ slice, start: START - HOUR_MS }), range)).toBe(false);
      expect(inRange(key({ slice, start: START + 3 * HOUR_MS }), range)).toBe(false);
    }
    expect(inRange(key({ measure: 'examinationTime' }), range)).toBe(false);
    expect(inRange(key({ granularity: 'day', start: START - 10 * HOUR_MS }), range)).toBe(false);
  });

  it('holds from the horizons on every bucket of its measure and granularity, and nothing of the others', () => {
    const horizons = { hour: START, day: START - 10 * HOUR_MS };
    const ranges = heldBucketRanges(horizons);
    const heldBy = (address: BucketAddress): number => ranges.filter((range) => inRange(bucketKey(address), range)).length;

    expect(ranges).toHaveLength(MEASURE_IDS.length * 2);
    for (const measure of MEASURE_IDS) {
      for (const slice of SLICES) {
        expect(heldBy({ measure, granularity: 'hour', start: START, slice })).toBe(1);
        expect(heldBy({ measure, granularity: 'hour', start: Date.parse('9999-12-31T23:00:00.000Z'), slice })).toBe(1);
        expect(heldBy({ measure, granularity: 'hour', start: START - HOUR_MS, slice })).toBe(0);
        expect(heldBy({ measure, granularity: 'day', start: horizons.day, slice })).toBe(1);
        expect(heldBy({ measure, granularity: 'day', start: horizons.day - DAY_MS, slice })).toBe(0);
      }
    }
  });
});
