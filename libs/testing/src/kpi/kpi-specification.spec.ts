import { describe, expect, it } from '@jest/globals';
import { anEvent } from '../event-builders.js';
import { givenEvents } from './kpi-specification.js';

const at = (time: string) => ({ time: `2026-03-02T${time}:00.000Z` });
const TEN_O_CLOCK = '2026-03-02T10:00:00.000Z';

describe('givenEvents(...).whenProjected()', () => {
  const then = givenEvents(
    anEvent.goodsArrived('D1', { officeId: 'UZ-TAS' }, at('06:00')),
    anEvent.goodsReleased('D1', {}, at('10:15')),
    anEvent.goodsArrived('D2', { officeId: 'UZ-SAM' }, at('08:00')),
    anEvent.goodsReleased('D2', {}, at('10:30')),
  ).whenProjected();

  it('answers a bucket of the total and of a slice', () => {
    then.thenBucket('release_time_mean', 'hour', TEN_O_CLOCK).equals({ value: (4.25 + 2.5) / 2, n: 2 });
    then.thenBucket('release_time_mean', 'hour', TEN_O_CLOCK, { office: 'UZ-SAM' }).equals({ value: 2.5, n: 1 });
  });

  it('answers the current value at an instant', () => {
    then.thenCurrent('release_time_mean', '2026-03-02T11:00:00.000Z', { office: 'UZ-TAS' }).equals({ value: 4.25, n: 1 });
  });

  it('answers the facts of a declaration', () => {
    then.thenFactsOf('D1').include({ arrived: expect.objectContaining({ at: Date.parse(at('06:00').time), officeId: 'UZ-TAS' }), released: expect.objectContaining({ at: Date.parse(at('10:15').time) }) });
    expect(then.thenFactsOf('D-UNKNOWN').actual).toBeUndefined();
  });

  it('fails when the value differs, or a fact does', () => {
    expect(() => then.thenBucket('release_time_mean', 'hour', TEN_O_CLOCK).equals({ value: 3, n: 2 })).toThrow();
    expect(() => then.thenFactsOf('D2').include({ released: expect.objectContaining({ at: Date.parse(at('10:15').time) }) })).toThrow();
    expect(() => then.thenFactsOf('D-UNKNOWN').include({})).toThrow();
  });

  it('takes the engine options, such as the release target', () => {
    const given = givenEvents(anEvent.goodsArrived('D1', {}, at('00:00')), anEvent.goodsReleased('D1', {}, at('10:00')));

    given.whenProjected().thenBucket('released_within_target_rate', 'hour', TEN_O_CLOCK).equals({ value: 1, n: 1 });
    given.whenProjected({ releaseTargetHours: 9 }).thenBucket('released_within_target_rate', 'hour', TEN_O_CLOCK).equals({ value: 0, n: 1 });
  });

  it('refuses an event that ingest would reject', () => {
    expect(() => givenEvents(anEvent.laneAssigned('D1', { lane: 'PURPLE' }, at('09:00'))).whenProjected()).toThrow(/invalid test event/);
  });
});
