import { describe, expect, it } from '@jest/globals';

import { anEvent, validationRulesAt } from '@customs-pulse/testing';
import { MAX_EVENT_BYTES } from './limits.js';
import { validateEvent } from './validate-event.js';
import { validateEventJson } from './validate-event-json.js';

const rules = validationRulesAt();
const tooLarge = `must be at most 65536 bytes of JSON (got ${MAX_EVENT_BYTES + 1})`;

/**
 * A DeclarationCancelled whose JSON is exactly `bytes` bytes of UTF-8, padded through an extension attribute (the
 * free-text reason holds at most 1,000 characters).
 */
function cancellationOfSize(bytes: number, filler = 'x'): Record<string, unknown> {
  const event = anEvent.declarationCancelled('DEC-1', {}, { id: 'evt-size', padding: '' });
  const missing = bytes - Buffer.byteLength(JSON.stringify(event));
  const fillerBytes = Buffer.byteLength(filler);
  const padding = filler.repeat(Math.floor(missing / fillerBytes)) + 'x'.repeat(missing % fillerBytes);
  return anEvent.declarationCancelled('DEC-1', {}, { id: 'evt-size', padding });
}

describe('the 64 KiB limit on one event', () => {
  it('is 65,536 bytes', () => {
    expect(MAX_EVENT_BYTES).toBe(65_536);
  });

  it.each([['ASCII', 'x'], ['multi-byte UTF-8', 'é€📦']])(
    'lets validateEvent accept an event of exactly 64 KiB of %s JSON',
    (_what, filler) => {
      const event = cancellationOfSize(MAX_EVENT_BYTES, filler);

      expect(Buffer.byteLength(JSON.stringify(event))).toBe(MAX_EVENT_BYTES);
      expect(validateEvent(event, rules)).toMatchObject({ ok: true });
    },
  );

  it('makes validateEvent reject an event one byte over 64 KiB, and still check the rest', () => {
    const oneOver = { ...cancellationOfSize(MAX_EVENT_BYTES + 1), subject: 'DEC 1' };

    expect(validateEvent(oneOver, rules)).toEqual({
      ok: false,
      id: 'evt-size',
      errors: [
        { path: '', message: tooLarge },
        { path: 'subject', message: expect.stringMatching(/^must be 1 to 128 characters of /) },
      ],
    });
  });

  it('lets validateEventJson accept exactly 64 KiB of bytes and reject one byte more, before parsing', () => {
    const exact = Buffer.from(JSON.stringify(cancellationOfSize(MAX_EVENT_BYTES)));
    const oneOver = Buffer.from(JSON.stringify(cancellationOfSize(MAX_EVENT_BYTES + 1)));

    expect(exact.byteLength).toBe(MAX_EVENT_BYTES);
    expect(validateEventJson(exact, rules)).toMatchObject({ ok: true });
    expect(validateEventJson(oneOver, rules)).toEqual({ ok: false, errors: [{ path: '', message: tooLarge }] });
  });

  it('measures a JSON string in UTF-8 bytes, not in characters', () => {
    const json = JSON.stringify(cancellationOfSize(MAX_EVENT_BYTES + 1, '€'));

    expect(json.length).toBeLessThan(MAX_EVENT_BYTES);
    expect(validateEventJson(json, rules)).toEqual({ ok: false, errors: [{ path: '', message: tooLarge }] });
  });

  it('counts the bytes as given, whitespace included', () => {
    const padded = JSON.stringify(anEvent.goodsArrived('DEC-1')) + ' '.repeat(MAX_EVENT_BYTES);

    expect(validateEventJson(padded, rules)).toMatchObject({ ok: false, errors: [{ path: '' }] });
  });
});

describe('validateEventJson', () => {
  it('validates UTF-8 bytes as validateEvent validates the parsed event', () => {
    const event = anEvent.dutiesPaid('DEC-1', { amount: 99.5 }, { time: '2026-03-02T10:00:00+05:00' });

    expect(validateEventJson(Buffer.from(JSON.stringify(event)), rules)).toEqual(validateEvent(event, rules));
  });

  it('validates JSON text as validateEvent validates the parsed event', () => {
    const event = anEvent.laneAssigned('DEC-1', { lane: 'PURPLE' });

    expect(validateEventJson(JSON.stringify(event), rules)).toEqual(validateEvent(event, rules));
  });

  it.each([[''], ['{"specversion":"1.0",'], ['not json'], ["{'id':'x'}"]])(
    'rejects the text %p, which is not JSON, with one parse problem',
    (text) => {
      expect(validateEventJson(text, rules)).toEqual({
        ok: false,
        errors: [{ path: '', message: expect.stringMatching(/^must be valid JSON \(.+\)$/) }],
      });
    },
  );

  it('rejects bytes that are not UTF-8', () => {
    expect(validateEventJson(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), rules)).toEqual({
      ok: false,
      errors: [{ path: '', message: 'must be UTF-8 encoded JSON' }],
    });
  });

  it.each([['[]'], ['"an event"'], ['null'], ['42']])('rejects the JSON value %s, which is not an object', (text) => {
    expect(validateEventJson(text, rules)).toEqual({
      ok: false,
      errors: [{ path: '', message: 'must be a JSON object' }],
    });
  });
});
