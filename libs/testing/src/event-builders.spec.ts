import { describe, expect, it } from '@jest/globals';

import { PRODUCER_EVENT_TYPES, validateEvent } from '@customs-pulse/domain';

import {
  TEST_EVENT_SOURCE,
  TEST_EVENT_TIME,
  anEvent,
  anEventOfType,
  cloudEvent,
  validationRulesAt,
} from './event-builders.js';

const rules = validationRulesAt();

describe('anEvent', () => {
  it('has one builder for every producer event type', () => {
    const builtTypes = Object.values(anEvent).map((build) => build('DEC-1')['type']);

    expect(builtTypes.sort()).toEqual([...PRODUCER_EVENT_TYPES].sort());
  });

  it.each(Object.entries(anEvent))('%s builds an event that passes validateEvent', (_name, build) => {
    const result = validateEvent(build('DEC-2026-000001'), rules);

    expect(result).toMatchObject({ ok: true });
  });

  it('builds a CloudEvent 1.0 with the test source, the test time and the given subject', () => {
    expect(anEvent.goodsArrived('DEC-7')).toMatchObject({
      specversion: '1.0',
      source: TEST_EVENT_SOURCE,
      time: TEST_EVENT_TIME,
      type: 'GoodsArrived',
      subject: 'DEC-7',
    });
  });

  it('merges data overrides over the defaults', () => {
    const event = anEvent.laneAssigned('DEC-1', { lane: 'RED', riskScore: 0.9 });

    expect(event['data']).toEqual({ lane: 'RED', basis: 'CRITERIA', riskScore: 0.9 });
  });

  it('removes a data field or envelope attribute overridden with undefined', () => {
    const event = anEvent.laneAssigned('DEC-1', { basis: undefined }, { time: undefined });

    expect(event['data']).toEqual({ lane: 'GREEN' });
    expect(Object.hasOwn(event, 'time')).toBe(false);
  });

  it('applies envelope overrides, extension attributes included', () => {
    const event = anEvent.goodsExited('DEC-1', {}, { id: 'my-id', traceparent: '00-abc' });

    expect(event).toMatchObject({ id: 'my-id', traceparent: '00-abc' });
  });

  it('gives the same id to the same event and different ids to different events', () => {
    const first = anEvent.goodsArrived('DEC-1');

    expect(anEvent.goodsArrived('DEC-1')['id']).toBe(first['id']);
    expect(anEvent.goodsArrived('DEC-2')['id']).not.toBe(first['id']);
    expect(anEvent.goodsArrived('DEC-1', { transportMode: 'SEA' })['id']).not.toBe(first['id']);
    expect(anEvent.goodsArrived('DEC-1', {}, { time: '2026-03-02T09:00:00Z' })['id']).not.toBe(first['id']);
  });
});

describe('anEventOfType', () => {
  it('builds the same event as the builder named after the type', () => {
    expect(anEventOfType('DutiesPaid', 'DEC-1', { amount: 5 })).toEqual(anEvent.dutiesPaid('DEC-1', { amount: 5 }));
  });

  it('gives each event its own copy of the default lists, so that editing one leaves the next unchanged', () => {
    const first = anEventOfType('DeclarationRejected', 'DEC-1');
    (first.data as { errorCodes: string[] }).errorCodes.push('E999');

    expect(anEventOfType('DeclarationRejected', 'DEC-2').data).toEqual({ errorCodes: ['E101'] });
  });
});

describe('cloudEvent', () => {
  it('builds events of any type, such as a system type a producer may not submit', () => {
    const event = cloudEvent('AlertRaised', 'ALERT-1', {});

    expect(event).toMatchObject({ type: 'AlertRaised', subject: 'ALERT-1', data: {} });
    expect(validateEvent(event, rules)).toMatchObject({ ok: false });
  });
});

describe('validationRulesAt', () => {
  it('fixes the clock at the given instant and uses the given reporting currency', () => {
    const fixed = validationRulesAt('2026-05-01T00:00:00Z', 'UZS');

    expect(fixed.clock.now().toISOString()).toBe('2026-05-01T00:00:00.000Z');
    expect(fixed.reportingCurrency).toBe('UZS');
  });
});
