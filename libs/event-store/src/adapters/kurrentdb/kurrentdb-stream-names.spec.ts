import { describe, expect, it } from '@jest/globals';
import { dedupeKey } from '../../dedupe-key.js';
import { streamNamesFor } from './kurrentdb-stream-names.js';

describe('streamNamesFor', () => {
  it('puts the log, the stream copies and the dedupe records of a store under its prefix', () => {
    const names = streamNamesFor('run-42');

    expect(names.log).toBe('run-42.log');
    expect(names.subject('DEC-1')).toBe('run-42.stream.DEC-1');
    expect(names.dedupe(dedupeKey('urn:a', 'e-1'))).toMatch(/^run-42\.dedupe\.[0-9a-f]{64}$/);
  });

  it('names every idempotency key apart, whatever characters its source and id hold', () => {
    const names = streamNamesFor('p');

    expect(names.dedupe(dedupeKey('a', 'b/c'))).not.toBe(names.dedupe(dedupeKey('a/b', 'c')));
  });

  it('keeps the log name out of reach of any stream copy', () => {
    const names = streamNamesFor('p');

    expect(names.subject('log')).not.toBe(names.log);
  });

  it.each(['', '$system', 'a.stream', 'with space'])('refuses the prefix %p', (prefix) => {
    expect(() => streamNamesFor(prefix)).toThrow(TypeError);
  });

  it('uses customs-pulse when no prefix is given', () => {
    expect(streamNamesFor().log).toBe('customs-pulse.log');
  });
});
