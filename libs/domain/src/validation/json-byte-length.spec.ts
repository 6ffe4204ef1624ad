import { describe, expect, it } from '@jest/globals';
import { jsonByteLength } from './json-byte-length.js';

function nestedArrays(depth: number): unknown {
  return JSON.parse('['.repeat(depth) + ']'.repeat(depth));
}

describe('jsonByteLength', () => {
  const shared = { code: 'E1' };

  it.each([
    ['a number', -0.5e-7],
    ['an escaped string', 'tab\there "quoted" \\ \u0001 \ud800 😀 Ω'],
    ['null and booleans', [null, true, false]],
    ['an event', { id: 'evt-1', data: { officeId: 'OFFICE-01', amount: 1e12, hsCodes: ['0101', '8703'], empty: {}, none: [] } }],
    ['an object met twice but never inside itself', { a: shared, b: [shared, shared] }],
  ])('measures %s as JSON.stringify writes it, in UTF-8 bytes', (_what, value) => {
    expect(jsonByteLength(value)).toBe(Buffer.byteLength(JSON.stringify(value)));
  });

  it('measures nesting deeper than JSON.stringify can write', () => {
    const deep = nestedArrays(40_000);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);

    expect(jsonByteLength({ nested: deep })).toBe('{"nested":}'.length + 80_000);
  });

  it('gives up on what JSON text cannot hold: a cycle, a BigInt', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = { back: cycle };

    expect(jsonByteLength(cycle)).toBeUndefined();
    expect(jsonByteLength({ amount: 10n })).toBeUndefined();
  });
});
