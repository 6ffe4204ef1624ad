import { describe, expect, it } from '@jest/globals';

import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('gives the same text whatever the order of the keys', () => {
    const declaration = { officeId: 'OFFICE-01', lane: 'GREEN', riskScore: 0.12 };
    const reordered = { riskScore: 0.12, lane: 'GREEN', officeId: 'OFFICE-01' };

    expect(canonicalJson(reordered)).toBe(canonicalJson(declaration));
    expect(canonicalJson(declaration)).toBe('{"lane":"GREEN","officeId":"OFFICE-01","riskScore":0.12}');
  });

  it('sorts keys by UTF-16 code units: upper case before lower case, digits as text, surrogates before U+FFFF', () => {
    const value = { '\uFFFF': 1, '\u{1F600}': 2, a: 3, B: 4, 10: 5, 2: 6 };

    expect(canonicalJson(value)).toBe('{"10":5,"2":6,"B":4,"a":3,"\u{1F600}":2,"\uFFFF":1}');
  });

  it('sorts the keys of nested objects, including objects inside arrays, and keeps array order', () => {
    const value = { z: [{ b: 1, a: [3, 1, 2] }, null, true], a: { y: { d: false, c: 'x' }, x: [] } };

    expect(canonicalJson(value)).toBe('{"a":{"x":[],"y":{"c":"x","d":false}},"z":[{"a":[3,1,2],"b":1},null,true]}');
  });

  it('drops object members whose value is undefined, as JSON.stringify does', () => {
    const value = { kept: 1, dropped: undefined, nested: { gone: undefined } };

    expect(canonicalJson(value)).toBe('{"kept":1,"nested":{}}');
  });

  it('writes empty objects and arrays without white space', () => {
    expect(canonicalJson({ a: {}, b: [] })).toBe('{"a":{},"b":[]}');
  });

  it.each([
    ['plain ASCII', 'LaneAssigned'],
    ['double quote and backslash', 'say "hi" \\ bye'],
    ['new line, tab and other control characters', 'a\nb\tc\u0001\u001f'],
    ['non-ASCII letters, kept as they are', 'Dédouanement – Zoll 関税'],
    ['astral characters', 'box \u{1F4E6}'],
    ['line and paragraph separators', 'a\u2028b\u2029c'],
    ['a lone surrogate', 'broken \ud800 pair'],
    ['the empty string', ''],
  ])('escapes a string with %s exactly as JSON.stringify does', (_case, text) => {
    expect(canonicalJson(text)).toBe(JSON.stringify(text));
    expect(canonicalJson({ [text]: text })).toBe(`{${JSON.stringify(text)}:${JSON.stringify(text)}}`);
  });

  it.each([
    [0, '0'],
    [-0, '0'],
    [42, '42'],
    [-7, '-7'],
    [0.1, '0.1'],
    [123.456, '123.456'],
    [1e3, '1000'],
    [1.5e2, '150'],
    [1e21, '1e+21'],
    [-2.5e22, '-2.5e+22'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [5e-324, '5e-324'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
    [Number.MAX_VALUE, '1.7976931348623157e+308'],
  ])('writes the number %p as ECMAScript serializes it: %s', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
    expect(canonicalJson([value])).toBe(`[${text}]`);
  });

  it.each([
    ['true', true, 'true'],
    ['false', false, 'false'],
    ['null', null, 'null'],
  ])('writes %s as the JSON literal', (_name, value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it.each([
    ['NaN', NaN, /NaN/],
    ['Infinity', Infinity, /Infinity/],
    ['-Infinity', -Infinity, /-Infinity/],
    ['a function', () => 1, /function/],
    ['a bigint', 10n, /bigint/],
    ['a symbol', Symbol('lane'), /symbol/],
  ])('throws a TypeError naming %s', (_name, value, problem) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
    expect(() => canonicalJson(value)).toThrow(problem);
  });

  it.each([
    ['NaN', { data: { riskScore: NaN } }, /NaN/],
    ['a function', { data: [1, { callback: () => 1 }] }, /function/],
    ['a bigint', { data: { amount: 1_200n } }, /bigint/],
  ])('throws a TypeError naming %s nested deep inside the value', (_name, value, problem) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
    expect(() => canonicalJson(value)).toThrow(problem);
  });

  // Known bug: Array#map keeps holes and Array#join writes them as nothing, so `[, 1]` comes out as `[,1]`.
  it('never returns text that is not JSON: a sparse array either throws a TypeError or parses back', () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [, 1];

    const outcome = parseOrError(() => canonicalJson(sparse));

    expect(outcome).not.toBeInstanceOf(SyntaxError);
  });
});

function parseOrError(serialize: () => string): unknown {
  try {
    return JSON.parse(serialize());
  } catch (error) {
    return error;
  }
}
