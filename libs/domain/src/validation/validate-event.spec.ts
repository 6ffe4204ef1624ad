import { describe, expect, it } from '@jest/globals';

import { anEvent, validationRulesAt } from '@customs-pulse/testing';
import { asCustomsEvent } from '../events/normalized-event.js';
import { validateEvent } from './validate-event.js';

const rules = validationRulesAt('2026-03-02T08:00:00.000Z');

function cyclicObject(): Record<string, unknown> {
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  return cyclic;
}

describe('validateEvent', () => {
  it('normalizes a valid event into exactly the shape the store appends', () => {
    const event = anEvent.laneAssigned(
      'DEC-2026-000001',
      { lane: 'RED', riskScore: 0.91 },
      { id: 'evt-1', source: 'urn:customs:uz:asycuda', time: '2026-03-02T12:30:00.25+05:00', traceparent: '00-ab-01' },
    );

    expect(validateEvent(event, rules)).toEqual({
      ok: true,
      event: {
        id: 'evt-1',
        source: 'urn:customs:uz:asycuda',
        type: 'LaneAssigned',
        subject: 'DEC-2026-000001',
        time: '2026-03-02T07:30:00.250Z',
        data: { lane: 'RED', basis: 'CRITERIA', riskScore: 0.91 },
        extensions: { traceparent: '00-ab-01' },
      },
    });
  });

  it('collects every problem of the envelope and the data in one result', () => {
    const event = anEvent.laneAssigned(
      'DEC 1',
      { lane: 'PURPLE', basis: undefined, riskScore: 2, colour: 'red' },
      { id: 'evt-2', specversion: '0.3', time: '2026-03-02T09:00:00Z', Priority: 'high' },
    );

    expect(validateEvent(event, rules)).toEqual({
      ok: false,
      id: 'evt-2',
      errors: expect.arrayContaining([
        { path: 'specversion', message: 'must be "1.0"' },
        { path: 'subject', message: expect.stringMatching(/^must be 1 to 128 characters of /) },
        { path: 'time', message: expect.stringMatching(/^must be at most 5 minutes ahead of the server clock/) },
        { path: 'Priority', message: expect.stringMatching(/^is not an attribute of this contract/) },
        { path: 'data.colour', message: 'is not a field of LaneAssigned' },
        { path: 'data.lane', message: 'must be one of GREEN, YELLOW, RED, BLUE' },
        { path: 'data.basis', message: 'is required' },
        { path: 'data.riskScore', message: 'must be a number from 0 to 1' },
      ]),
    });
    expect(validateEvent(event, rules)).toMatchObject({ errors: { length: 8 } });
  });

  it.each([
    ['a BigInt', { bigint: 10n }],
    ['a cycle', cyclicObject()],
    ['a function', { run: () => 1 }],
    ['a symbol', { tag: Symbol('x') }],
  ])('never throws, even on data holding %s', (_what, data) => {
    const event = anEvent.goodsArrived('DEC-1', data, { id: 'evt-odd' });

    expect(() => validateEvent(event, rules)).not.toThrow();
    expect(validateEvent(event, rules)).toMatchObject({ ok: false });
  });

  it('rejects an in-memory event that cannot be serialized as JSON, at the root', () => {
    const result = validateEvent(anEvent.goodsExited('DEC-1', {}, { id: 'evt-big', amount: 10n }), rules);

    expect(result).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([{ path: '', message: 'must be serializable as JSON' }]),
    });
  });

  it('refuses an event nested deeper than JSON.stringify can write for its size, not as something no JSON', () => {
    // 40,000 arrays deep: 80,000 bytes, which JSON.parse reads from an HTTP batch but JSON.stringify cannot write.
    const deep = JSON.parse('['.repeat(40_000) + ']'.repeat(40_000)) as unknown;

    const result = validateEvent(anEvent.goodsExited('DEC-1', { nested: deep }, { id: 'evt-deep' }), rules);

    expect(result).toMatchObject({ ok: false, errors: expect.arrayContaining([{ path: '', message: expect.stringMatching(/^must be at most 65536 bytes of JSON \(got 8\d{4}\)$/) }]) });
    expect(result).not.toMatchObject({ errors: expect.arrayContaining([{ path: '', message: 'must be serializable as JSON' }]) });
  });

  it('gives the KPI engine a typed event whose data narrows on its type', () => {
    const result = validateEvent(anEvent.laneAssigned('DEC-1', { lane: 'YELLOW' }), rules);
    if (!result.ok) throw new Error('expected a valid event');

    const event = asCustomsEvent(result.event);
    const lane = event.type === 'LaneAssigned' ? event.data.lane : undefined;

    expect(lane).toBe('YELLOW');
  });
});
