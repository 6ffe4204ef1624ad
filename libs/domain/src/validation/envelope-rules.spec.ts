import { describe, expect, it } from '@jest/globals';

import { anEvent, cloudEvent, validationRulesAt } from '@customs-pulse/testing';
import { PRODUCER_EVENT_TYPES, SYSTEM_EVENT_TYPES } from '../events/event-types.js';
import { validateEvent } from './validate-event.js';

const rules = validationRulesAt('2026-03-02T08:00:00.000Z');
const subjectExpected = 'must be 1 to 128 characters of A-Z, a-z, 0-9, ".", "_", ":", "/" or "-"';

/** Validates a GoodsArrived whose envelope carries `overrides`. */
function validateWithEnvelope(overrides: Record<string, unknown>) {
  return validateEvent(anEvent.goodsArrived('DEC-1', {}, overrides), rules);
}

describe('validateEvent: envelope attributes', () => {
  it.each([
    ['specversion', { specversion: undefined }, 'is required'],
    ['specversion', { specversion: '0.3' }, 'must be "1.0"'],
    ['specversion', { specversion: 1.0 }, 'must be "1.0"'],
    ['id', { id: undefined }, 'is required'],
    ['id', { id: '' }, 'must be a string of 1 to 128 characters'],
    ['id', { id: 'x'.repeat(129) }, 'must be a string of 1 to 128 characters'],
    ['id', { id: 42 }, 'must be a string of 1 to 128 characters'],
    ['source', { source: undefined }, 'is required'],
    ['source', { source: '' }, 'must be a string of 1 to 256 characters'],
    ['source', { source: 's'.repeat(257) }, 'must be a string of 1 to 256 characters'],
    ['subject', { subject: undefined }, 'is required'],
    ['subject', { subject: '' }, subjectExpected],
    ['subject', { subject: 'DEC 1' }, subjectExpected],
    ['subject', { subject: 'DÉC-1' }, subjectExpected],
    ['subject', { subject: 'D'.repeat(129) }, subjectExpected],
    ['time', { time: undefined }, 'is required'],
    ['time', { time: '2026-03-01T08:30:00' }, 'must include an offset (Z or ±hh:mm)'],
    ['time', { time: '2026-02-30T08:30:00Z' }, 'must be a real calendar date and time'],
    ['datacontenttype', { datacontenttype: 'text/plain' }, 'must be application/json when present'],
    ['datacontenttype', { datacontenttype: 'application/xml' }, 'must be application/json when present'],
  ])('rejects an event whose %s is %p', (path, overrides, message) => {
    expect(validateWithEnvelope(overrides)).toMatchObject({ ok: false, errors: [{ path, message }] });
  });

  it.each([
    ['id of 128 characters', { id: 'x'.repeat(128) }],
    ['id of 128 characters outside the BMP', { id: '📦'.repeat(128) }],
    ['source of 256 characters', { source: 's'.repeat(256) }],
    ['subject of 128 characters', { subject: 'D'.repeat(128) }],
    ['subject using every allowed character', { subject: 'urn:cust/DEC_2026.000-1:aZ09' }],
    ['datacontenttype application/json', { datacontenttype: 'application/json' }],
  ])('accepts an event with a %s', (_what, overrides) => {
    expect(validateWithEnvelope(overrides)).toMatchObject({ ok: true });
  });

  it.each(PRODUCER_EVENT_TYPES)('accepts the producer type %s', (type) => {
    const event = cloudEvent(type, 'DEC-1', {});

    const result = validateEvent(event, rules);

    expect(result.ok ? [] : result.errors.filter((problem) => problem.path === 'type')).toEqual([]);
  });

  it.each(SYSTEM_EVENT_TYPES)('rejects %s, which only the system writes', (type) => {
    const result = validateEvent(cloudEvent(type, 'ALERT-1', { kpi: 'release-time' }), rules);

    expect(result).toMatchObject({
      ok: false,
      errors: [
        { path: 'type', message: `${type} is written by the system and cannot be submitted` },
        { path: 'data', message: 'was not checked because type is invalid' },
      ],
    });
  });

  it('rejects a type not written exactly as in the contract, naming the exact spelling', () => {
    const result = validateWithEnvelope({ type: 'goodsarrived' });

    expect(result).toMatchObject({
      ok: false,
      errors: [
        { path: 'type', message: 'must be written exactly as GoodsArrived' },
        { path: 'data', message: 'was not checked because type is invalid' },
      ],
    });
  });

  it('rejects an unknown type, listing the producer types', () => {
    const result = validateWithEnvelope({ type: 'ParcelScanned' });

    expect(result).toMatchObject({
      ok: false,
      errors: [
        { path: 'type', message: `must be one of the producer event types: ${PRODUCER_EVENT_TYPES.join(', ')}` },
        { path: 'data', message: 'was not checked because type is invalid' },
      ],
    });
  });

  it.each([
    ['missing', { type: undefined }, 'is required'],
    ['unknown', { type: 'ParcelScanned' }, expect.any(String)],
  ])('does not check data when the type is %s, and says so once', (_what, overrides, typeMessage) => {
    const event = anEvent.laneAssigned('DEC-1', { lane: 'PURPLE', colour: 'red' }, overrides);

    expect(validateEvent(event, rules)).toEqual({
      ok: false,
      id: event['id'],
      errors: [
        { path: 'type', message: typeMessage },
        { path: 'data', message: 'was not checked because type is invalid' },
      ],
    });
  });
});

describe('validateEvent: the event and its data are JSON objects', () => {
  it.each([[null], [undefined], ['{"specversion":"1.0"}'], [42], [true], [[anEvent.goodsArrived('DEC-1')]]])(
    'rejects %p with one problem at the root',
    (raw) => {
      expect(validateEvent(raw, rules)).toEqual({
        ok: false,
        errors: [{ path: '', message: 'must be a JSON object' }],
      });
    },
  );

  it.each([
    [undefined, 'is required'],
    [null, 'must be a JSON object'],
    [[], 'must be a JSON object'],
    ['{}', 'must be a JSON object'],
  ])('rejects data %p', (data, message) => {
    expect(validateWithEnvelope({ data })).toMatchObject({ ok: false, errors: [{ path: 'data', message }] });
  });
});

describe('validateEvent: event time', () => {
  it('normalizes a time with an offset to UTC with millisecond precision', () => {
    const result = validateWithEnvelope({ time: '2026-03-02T10:15:30+05:00' });

    expect(result).toMatchObject({ ok: true, event: { time: '2026-03-02T05:15:30.000Z' } });
  });

  it('accepts an event exactly 5 minutes ahead of the server clock', () => {
    expect(validateWithEnvelope({ time: '2026-03-02T08:05:00.000Z' })).toMatchObject({ ok: true });
  });

  it('rejects an event more than 5 minutes ahead of the server clock, giving the server time', () => {
    expect(validateWithEnvelope({ time: '2026-03-02T08:05:00.001Z' })).toMatchObject({
      ok: false,
      errors: [
        {
          path: 'time',
          message: 'must be at most 5 minutes ahead of the server clock (server time 2026-03-02T08:00:00.000Z)',
        },
      ],
    });
  });

  it('compares the instant, not the local wall time, with the server clock', () => {
    // 13:04 at +05:00 is 08:04Z: within 5 minutes although its wall time is hours ahead.
    expect(validateWithEnvelope({ time: '2026-03-02T13:04:00+05:00' })).toMatchObject({ ok: true });
  });

  it('accepts events from the past, however old', () => {
    expect(validateWithEnvelope({ time: '2019-01-01T00:00:00Z' })).toMatchObject({ ok: true });
  });
});

describe('validateEvent: extension attributes', () => {
  it('keeps extension attributes as metadata of the normalized event', () => {
    const result = validateWithEnvelope({ traceparent: '00-4bf92f-00f067-01', partition: 3, replayed: false });

    expect(result).toMatchObject({
      ok: true,
      event: { extensions: { traceparent: '00-4bf92f-00f067-01', partition: 3, replayed: false } },
    });
  });

  it('gives an event without extension attributes empty extensions, and does not keep datacontenttype', () => {
    const result = validateWithEnvelope({ datacontenttype: 'application/json' });

    expect(result).toMatchObject({ ok: true, event: { extensions: {} } });
    expect(result.ok && Object.keys(result.event)).toEqual([
      'id',
      'source',
      'type',
      'subject',
      'time',
      'data',
      'extensions',
    ]);
  });

  it('accepts an extension attribute name of 20 lower-case letters and digits', () => {
    expect(validateWithEnvelope({ abcdefghij0123456789: 'x' })).toMatchObject({ ok: true });
  });

  it.each([['traceParent'], ['trace_parent'], ['trace-parent'], ['abcdefghij01234567890'], ['data_base64']])(
    'rejects the attribute %s, which is not an extension attribute name',
    (name) => {
      expect(validateWithEnvelope({ [name]: 'x' })).toMatchObject({
        ok: false,
        errors: [
          {
            path: name,
            message:
              'is not an attribute of this contract; unknown attributes must be extension attributes named with ' +
              '1 to 20 lower-case letters or digits',
          },
        ],
      });
    },
  );

  it.each([[null], [{ nested: true }], [['a']], [Number.NaN]])('rejects the extension attribute value %p', (value) => {
    expect(validateWithEnvelope({ region: value })).toMatchObject({
      ok: false,
      errors: [{ path: 'region', message: 'must be a string, a number or a boolean (extension attribute)' }],
    });
  });
});

describe('validateEvent: the id of a rejected event', () => {
  it('names the rejected event by its id when the id is readable', () => {
    const result = validateEvent(anEvent.laneAssigned('DEC-1', { lane: 'PURPLE' }, { id: 'evt-42' }), rules);

    expect(result).toMatchObject({ ok: false, id: 'evt-42' });
  });

  it.each([[undefined], [42], ['']])('leaves the id out when it is %p', (id) => {
    const result = validateEvent(anEvent.laneAssigned('DEC-1', {}, { id }), rules);

    expect(result.ok).toBe(false);
    expect(Object.hasOwn(result, 'id')).toBe(false);
  });
});
