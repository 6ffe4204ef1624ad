import { describe, expect, it } from '@jest/globals';

import { anEventOfType, cloudEvent, validationRulesAt } from '@customs-pulse/testing';
import { type ProducerEventType } from '../events/event-types.js';
import { validateEvent } from './validate-event.js';
import { validateEventJson } from './validate-event-json.js';
import { type ValidationProblem } from './validation-problem.js';

const rules = validationRulesAt();

function problemsOf(event: Record<string, unknown>): readonly ValidationProblem[] {
  const result = validateEvent(event, rules);
  return result.ok ? [] : result.errors;
}

function withData(type: ProducerEventType, data: Record<string, unknown>): readonly ValidationProblem[] {
  return problemsOf(anEventOfType(type, 'DEC-2026-000001', data));
}

describe('limits on values (events.md v1.1): characters of every string, keys included', () => {
  it.each([
    ['a value in data', { data: { officeId: 'OFFICE\u000001', transportMode: 'ROAD' } }, 'data.officeId', 'holds the control character U+0000 (U+0000 to U+001F and U+007F are refused)'],
    ['DEL in the source', { source: 'urn:customs:\u007f' }, 'source', 'holds the control character U+007F (U+0000 to U+001F and U+007F are refused)'],
    ['a newline in an extension value', { traceparent: '00-ab\n-01' }, 'traceparent', 'holds the control character U+000A (U+0000 to U+001F and U+007F are refused)'],
    ['a lone high surrogate in data', { data: { officeId: 'OFFICE-\ud83d', transportMode: 'ROAD' } }, 'data.officeId', 'holds an unpaired UTF-16 surrogate (U+D83D)'],
    ['a lone low surrogate in data', { data: { officeId: '\ude00-OFFICE', transportMode: 'ROAD' } }, 'data.officeId', 'holds an unpaired UTF-16 surrogate (U+DE00)'],
  ])('rejects %s, naming where', (_what, envelope, path, message) => {
    expect(problemsOf(cloudEvent('GoodsArrived', 'DEC-1', { officeId: 'OFFICE-01', transportMode: 'ROAD' }, envelope))).toContainEqual({ path, message });
  });

  it('rejects a key holding a control character, at the path of its object', () => {
    const event = anEventOfType('GoodsArrived', 'DEC-1', { ['office\u0001Id']: 'x' } as Record<string, unknown>);

    expect(problemsOf(event)).toContainEqual({
      path: 'data',
      message: 'has a key that holds the control character U+0001 (U+0000 to U+001F and U+007F are refused): "office\\u0001Id"',
    });
  });

  it('rejects an unpaired surrogate written as a JSON escape in a record', () => {
    const json = JSON.stringify(anEventOfType('GoodsExited', 'DEC-1', { gate: 'GATE-X' })).replace('GATE-X', 'GATE-\\ud800');
    const result = validateEventJson(json, rules);

    expect(result).toMatchObject({ ok: false, errors: [{ path: 'data.gate', message: 'holds an unpaired UTF-16 surrogate (U+D800)' }] });
  });

  it('accepts emoji (paired surrogates) and non-Latin scripts', () => {
    expect(withData('GoodsArrived', { officeId: 'ТАШКЕНТ-😀', conveyanceRef: '东方-1' })).toEqual([]);
  });

  it('survives nesting too deep for recursion: one problem, no throw', () => {
    const deep = `${'['.repeat(20_000)}"\\u0000"${']'.repeat(20_000)}`;
    const json = JSON.stringify(anEventOfType('GoodsExited', 'DEC-1')).replace('"data":{', `"deep":${deep},"data":{`);

    expect(validateEventJson(json, rules)).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.objectContaining({ path: 'deep' })]) });
  });
});

describe('limits on values (events.md v1.1): time within the years 0001 to 9999 in UTC', () => {
  const lateRules = validationRulesAt('2026-03-01T08:00:00.000Z');

  it('accepts the first instant of year 0001 in UTC', () => {
    expect(validateEvent(anEventOfType('GoodsExited', 'DEC-1', {}, { time: '0001-01-01T01:00:00+01:00' }), lateRules)).toMatchObject({ ok: true });
  });

  it('rejects 0001-01-01T00:30:00+01:00, which is year 0000 in UTC', () => {
    expect(validateEvent(anEventOfType('GoodsExited', 'DEC-1', {}, { time: '0001-01-01T00:30:00+01:00' }), lateRules)).toMatchObject({
      ok: false,
      errors: [{ path: 'time', message: 'must lie between the years 0001 and 9999 in UTC' }],
    });
  });
});

describe('limits on values (events.md v1.1): identifiers and codes at most 128 characters, reasons 1,000', () => {
  const id128 = 'X'.repeat(128);
  const id129 = 'X'.repeat(129);
  const idMessage = 'must be a string of 1 to 128 characters';

  it.each<[ProducerEventType, string]>([
    ['GoodsArrived', 'officeId'],
    ['GoodsArrived', 'conveyanceRef'],
    ['DeclarationLodged', 'declarantId'],
    ['LaneRerouted', 'officerId'],
    ['ExaminationStarted', 'examinerId'],
    ['GoodsExited', 'gate'],
    ['SeizureRecorded', 'unit'],
    ['SeizureRecorded', 'declarationId'],
    ['OffenceCaseOpened', 'offenceCode'],
    ['OffenceCaseOpened', 'declarationId'],
    ['PostClearanceAuditCompleted', 'traderId'],
  ])('%s: accepts a %s of 128 characters and rejects one of 129', (type, field) => {
    expect(withData(type, { [field]: id128 })).toEqual([]);
    expect(withData(type, { [field]: id129 })).toEqual([{ path: `data.${field}`, message: idMessage }]);
  });

  it('counts characters, not UTF-16 units: 128 emoji are 128 characters', () => {
    expect(withData('GoodsArrived', { officeId: '😀'.repeat(128) })).toEqual([]);
  });

  it.each<[ProducerEventType, string]>([
    ['LaneAssigned', 'profileIds'],
    ['DeclarationRejected', 'errorCodes'],
  ])('%s: accepts each of %s up to 128 characters and names the one over it', (type, field) => {
    expect(withData(type, { [field]: ['E1', id128] })).toEqual([]);
    expect(withData(type, { [field]: ['E1', id129] })).toEqual([{ path: `data.${field}.1`, message: idMessage }]);
  });

  it.each<[ProducerEventType]>([['LaneRerouted'], ['DeclarationCancelled']])('%s: accepts a reason of 1,000 characters and rejects one of 1,001', (type) => {
    expect(withData(type, { reason: 'r'.repeat(1000) })).toEqual([]);
    expect(withData(type, { reason: 'r'.repeat(1001) })).toEqual([{ path: 'data.reason', message: 'must be a string of 1 to 1000 characters' }]);
  });
});

describe('limits on values (events.md v1.1): amounts finite and at most 10^12, quantities too', () => {
  it.each<[ProducerEventType, string]>([
    ['DeclarationLodged', 'customsValue'],
    ['DutiesAssessed', 'amount'],
    ['DutiesPaid', 'amount'],
    ['SeizureRecorded', 'estimatedValue'],
    ['OffenceCaseClosed', 'penaltyAmount'],
    ['PostClearanceAuditCompleted', 'additionalAssessed'],
  ])('%s: accepts a %s of 10^12 and rejects more, or a value that is not finite', (type, field) => {
    const problem = [{ path: `data.${field}`, message: 'must be a number from 0 to 10^12' }];

    expect(withData(type, { [field]: 1e12 })).toEqual([]);
    expect(withData(type, { [field]: 1e12 + 0.01 })).toEqual(problem);
    expect(withData(type, { [field]: Number.POSITIVE_INFINITY })).toEqual(problem);
    expect(withData(type, { [field]: Number.NaN })).toEqual(problem);
  });

  it('accepts a seized quantity of 10^12 and rejects more', () => {
    expect(withData('SeizureRecorded', { quantity: 1e12 })).toEqual([]);
    expect(withData('SeizureRecorded', { quantity: 1e13 })).toEqual([{ path: 'data.quantity', message: 'must be a number > 0 and at most 10^12' }]);
  });

  it('rejects 1e400 in a record, which JSON.parse reads as Infinity', () => {
    const json = JSON.stringify(anEventOfType('DutiesPaid', 'DEC-1', { amount: 7 })).replace('"amount":7', '"amount":1e400');

    expect(validateEventJson(json, rules)).toMatchObject({ ok: false, errors: [{ path: 'data.amount', message: 'must be a number from 0 to 10^12' }] });
  });
});
