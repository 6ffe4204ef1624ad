import { describe, expect, it } from '@jest/globals';
import { validateEvent, validateEventJson, type EventValidation } from '@customs-pulse/domain';
import { anEvent, cloudEvent, validationRulesAt, type RawCloudEvent } from '@customs-pulse/testing';
import { storedConflictProblem } from '../ingest-events/stored-conflict.js';
import { rejectionReason } from './rejection-reason.js';

// Problems come from the domain's own validation, not copied strings: a changed message fails here first.
const rules = validationRulesAt('2026-03-01T08:00:00.000Z', 'USD');

function reasonsOf(validation: EventValidation): string[] {
  if (validation.ok) throw new Error('expected a rejected event');
  return validation.errors.map(rejectionReason);
}

const reasonsOfEvent = (event: unknown): string[] => reasonsOf(validateEvent(event, rules));
const reasonsOfJson = (json: string): string[] => reasonsOf(validateEventJson(json, rules));
const withTime = (time: string): RawCloudEvent => anEvent.goodsArrived('DEC-1', {}, { time });

describe('rejectionReason', () => {
  describe('leaves out the value a message carries, so that one broken rule is one reason', () => {
    it('the size of an event over 64 KiB', () => {
      const reasons = ['x'.repeat(70_000), 'x'.repeat(90_000)].map((gate) =>
        reasonsOfJson(JSON.stringify(anEvent.goodsExited('DEC-1', { gate }))),
      );

      expect(reasons).toEqual([['must be at most 65536 bytes of JSON'], ['must be at most 65536 bytes of JSON']]);
    });

    it("the parser's words on bytes that are not JSON", () => {
      expect([reasonsOfJson('{"specversion": "1.0", '), reasonsOfJson('not json'), reasonsOfJson('')]).toEqual([
        ['must be valid JSON'],
        ['must be valid JSON'],
        ['must be valid JSON'],
      ]);
    });

    it('the server time on a time too far ahead', () => {
      const reasons = [withTime('2026-03-01T09:00:00Z'), withTime('2027-01-01T00:00:00Z')].map(reasonsOfEvent);

      expect(reasons).toEqual([
        ['time: must be at most 5 minutes ahead of the server clock'],
        ['time: must be at most 5 minutes ahead of the server clock'],
      ]);
    });

    it('the currency given instead of the reporting currency', () => {
      const reasons = ['EUR', 'GBP'].map((currency) => reasonsOfEvent(anEvent.dutiesPaid('DEC-1', { currency })));

      expect(reasons).toEqual([['data.currency: must be USD, the reporting currency'], ['data.currency: must be USD, the reporting currency']]);
    });

    it('the stored position of a conflicting event', () => {
      expect([storedConflictProblem(7), storedConflictProblem(123_456)].map(rejectionReason)).toEqual([
        'id: (source, id) is already stored with different content',
        'id: (source, id) is already stored with different content',
      ]);
    });
  });

  describe('names with * what the producer named', () => {
    it('an unknown field of data', () => {
      const reasons = ['foo', 'officeCode', '__proto__'].map((field) => reasonsOfEvent(anEvent.goodsArrived('DEC-1', { [field]: 1 })));

      expect(reasons).toEqual([
        ['data.*: is not a field of GoodsArrived'],
        ['data.*: is not a field of GoodsArrived'],
        ['data.*: is not a field of GoodsArrived'],
      ]);
    });

    it('an attribute outside the contract, and an extension attribute of the wrong kind', () => {
      const reasons = reasonsOfEvent({ ...anEvent.goodsArrived('DEC-1'), Traceparent: 'x', priority: { high: true } });

      expect(reasons).toEqual([
        '*: is not an attribute of this contract; unknown attributes must be extension attributes named with 1 to 20 lower-case letters or digits',
        '*: must be a string, a number or a boolean (extension attribute)',
      ]);
    });

    it('the index of a bad list item', () => {
      const reasons = reasonsOfEvent(anEvent.declarationLodged('DEC-1', { hsCodes: ['1234', 'x', '12'] }));

      expect(reasons).toEqual(['data.hsCodes.*: must be a string of 4 to 10 digits', 'data.hsCodes.*: must be a string of 4 to 10 digits']);
    });
  });

  it('keeps a message that carries no value, and a value from a closed set, as they are', () => {
    expect(reasonsOfEvent(anEvent.laneAssigned('DEC-1', { lane: 'PURPLE' }))).toEqual(['data.lane: must be one of GREEN, YELLOW, RED, BLUE']);
    expect(reasonsOfEvent(42)).toEqual(['must be a JSON object']);
    expect(reasonsOfEvent(cloudEvent('AlertRaised', 'ALERT-1', {}))).toEqual([
      'type: AlertRaised is written by the system and cannot be submitted',
      'data: was not checked because type is invalid',
    ]);
    expect(reasonsOfEvent({ ...anEvent.goodsArrived('DEC-1'), type: 'goodsarrived' })).toContain('type: must be written exactly as GoodsArrived');
  });

  it('cuts a reason no rule foresaw at 300 characters', () => {
    const reason = rejectionReason({ path: 'data.note', message: `must not say ${'x'.repeat(1_000)}` });

    expect(reason).toHaveLength(300);
    expect(reason.startsWith('data.note: must not say xxx')).toBe(true);
  });
});
