import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { TestClock, anEvent } from '@customs-pulse/testing';

import { validated } from '../projection/testing/stored-history.js';
import { KpisAsOf } from './kpis-as-of.js';

const DAY = '2026-03-02';
const at = (time: string) => ({ time: `${DAY}T${time}:00.000Z` });
const FROM = `${DAY}T00:00:00.000Z`;
const TO = `${DAY}T00:00:00.000Z`.replace('02T', '03T');

describe('KpisAsOf over a SQLite store', () => {
  let clock: TestClock;
  let store: SqliteEventStore;
  /** Appends one declaration's events, stored at `storedAt`. */
  const storeAt = async (storedAt: string, events: readonly Record<string, unknown>[]): Promise<void> => {
    clock.set(storedAt);
    await store.appendMany(events.map((raw) => validated(raw)).map((event) => ({ stream: event.subject, events: [event] })));
  };
  const seizuresTodayAsOf = (history: KpisAsOf, asOf: string) =>
    history.answer(Date.parse(asOf), ({ engine, position }) => ({
      seizures: engine.series('seizures_count', 'day', FROM, TO)[0]!.value,
      position,
    }));

  beforeEach(async () => {
    clock = new TestClock();
    store = SqliteEventStore.open({ file: ':memory:', clock });
    await storeAt('2026-03-02T10:00:00.000Z', [anEvent.seizureRecorded('S1', {}, at('09:00')), anEvent.seizureRecorded('S2', {}, at('09:30'))]);
    await storeAt('2026-03-02T12:00:00.000Z', [anEvent.seizureRecorded('S3', {}, at('11:00'))]);
    // A late event: it happened in the morning but was stored in the evening.
    await storeAt('2026-03-02T18:00:00.000Z', [anEvent.seizureRecorded('S4', {}, at('08:00'))]);
  });

  afterEach(async () => {
    await store.close();
  });

  it('answers from the events stored at or before asOf only, whatever their event time', async () => {
    const history = new KpisAsOf({ store });

    expect(await seizuresTodayAsOf(history, '2026-03-02T09:59:59.999Z')).toEqual({ seizures: 0, position: 0 });
    expect(await seizuresTodayAsOf(history, '2026-03-02T10:00:00.000Z')).toEqual({ seizures: 2, position: 2 });
    expect(await seizuresTodayAsOf(history, '2026-03-02T17:59:59.999Z')).toEqual({ seizures: 3, position: 3 });
    expect(await seizuresTodayAsOf(history, '2026-03-03T00:00:00.000Z')).toEqual({ seizures: 4, position: 4 });
  });

  it('answers an earlier time after a later one from a fresh replay, not the engine it kept', async () => {
    const history = new KpisAsOf({ store, pageSize: 1 });

    expect(await seizuresTodayAsOf(history, '2026-03-02T18:00:00.000Z')).toEqual({ seizures: 4, position: 4 });
    expect(await seizuresTodayAsOf(history, '2026-03-02T11:00:00.000Z')).toEqual({ seizures: 2, position: 2 });
  });

  it('answers concurrent questions each at its own time', async () => {
    const history = new KpisAsOf({ store, pageSize: 1 });

    const answers = await Promise.all(
      ['2026-03-02T12:00:00.000Z', '2026-03-02T10:00:00.000Z', '2026-03-02T18:00:00.000Z'].map((asOf) => seizuresTodayAsOf(history, asOf)),
    );

    expect(answers.map((answer) => answer.seizures)).toEqual([3, 2, 4]);
  });
});
