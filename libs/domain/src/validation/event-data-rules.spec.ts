import { describe, expect, it } from '@jest/globals';

import { anEvent, anEventOfType, validationRulesAt } from '@customs-pulse/testing';
import { PRODUCER_EVENT_TYPES } from '../events/event-types.js';
import { validateEvent } from './validate-event.js';

const rules = validationRulesAt();

describe('validateEvent: unknown data fields', () => {
  it.each(PRODUCER_EVENT_TYPES)('rejects a %s carrying a field its type does not define, naming it', (type) => {
    expect(validateEvent(anEventOfType(type, 'CASE-1', { colour: 'red' }), rules)).toMatchObject({
      ok: false,
      errors: [{ path: 'data.colour', message: `is not a field of ${type}` }],
    });
  });

  it('rejects a LaneAssigned with the field colour as not a field of LaneAssigned', () => {
    const result = validateEvent(anEvent.laneAssigned('DEC-1', { colour: 'red' }), rules);

    expect(result).toMatchObject({
      ok: false,
      errors: [{ path: 'data.colour', message: 'is not a field of LaneAssigned' }],
    });
  });

  it.each([['__proto__'], ['constructor']])(
    'rejects a data field named %s by name, without it disturbing the other rules',
    (field) => {
      // Parsed from JSON, as a producer's body would be: an object literal would not make `__proto__` a field.
      const data = JSON.parse(`{"lane":"PURPLE","basis":"RANDOM","${field}":{"lane":"GREEN"}}`) as object;

      const result = validateEvent(anEvent.laneAssigned('DEC-1', {}, { data }), rules);

      expect(result).toMatchObject({
        ok: false,
        errors: [
          { path: `data.${field}`, message: 'is not a field of LaneAssigned' },
          { path: 'data.lane', message: 'must be one of GREEN, YELLOW, RED, BLUE' },
        ],
      });
    },
  );
});

describe('validateEvent: accepted data', () => {
  it('keeps the submitted data object itself, unchanged', () => {
    const event = anEvent.declarationLodged('DEC-1', { hsCodes: ['0101'], originCountry: 'UZ' });
    const submitted = structuredClone(event['data']);

    const result = validateEvent(event, rules);

    expect(result.ok && result.event.data).toBe(event['data']);
    expect(event['data']).toEqual(submitted);
  });

  it('reports every data problem of an event, not just the first', () => {
    const event = anEvent.seizureRecorded('SEIZ-1', {
      officeId: undefined,
      category: 'CHEESE',
      quantity: 0,
      estimatedValue: '3000',
      weight: 12,
    });

    expect(validateEvent(event, rules)).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([
        { path: 'data.officeId', message: 'is required' },
        { path: 'data.category', message: expect.stringMatching(/^must be one of DRUGS, /) },
        { path: 'data.quantity', message: 'must be a number > 0 and at most 10^12' },
        { path: 'data.estimatedValue', message: 'must be a number from 0 to 10^12' },
        { path: 'data.weight', message: 'is not a field of SeizureRecorded' },
      ]),
    });
    expect(validateEvent(event, rules)).toMatchObject({ errors: { length: 5 } });
  });
});
