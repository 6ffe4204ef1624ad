import { describe, expect, it } from '@jest/globals';

import { QUANTILE_RELATIVE_ACCURACY } from './log-buckets.js';
import { QuantileSketch } from './quantile-sketch.js';
import { MalformedSketchJsonError } from './sketch-errors.js';
import { type SketchJson } from './sketch-json.js';

const valid: SketchJson = { v: 1, alpha: QUANTILE_RELATIVE_ACCURACY, zero: 1, idx: [-3, 2, 40], cnt: [1, 2, 1] };

describe('SketchJson', () => {
  it('delta-encodes ascending bucket indexes', () => {
    const json = QuantileSketch.fromJSON(valid).toJSON();

    expect(json).toEqual(valid);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an unknown version', { ...valid, v: 2 }],
    ['another relative accuracy', { ...valid, alpha: 0.01 }],
    ['a negative zero count', { ...valid, zero: -1 }],
    ['a fractional zero count', { ...valid, zero: 0.5 }],
    ['arrays of different lengths', { ...valid, cnt: [1, 2] }],
    ['a missing array', { ...valid, idx: undefined }],
    ['a zero gap (duplicate bucket)', { ...valid, idx: [-3, 0, 40] }],
    ['a negative gap (unsorted buckets)', { ...valid, idx: [-3, -1, 40] }],
    ['a fractional index', { ...valid, idx: [0.5, 2, 40] }],
    ['an index beyond finite values', { ...valid, idx: [1e9] }],
    ['a zero bucket count', { ...valid, cnt: [1, 0, 1] }],
    ['a non-numeric count', { ...valid, cnt: [1, '2', 1] }],
    ['a total beyond the safe integers', { ...valid, cnt: [Number.MAX_SAFE_INTEGER, 1, 1] }],
  ])('refuses %s', (_, json) => {
    expect(() => QuantileSketch.fromJSON(json as SketchJson)).toThrow(MalformedSketchJsonError);
  });
});
