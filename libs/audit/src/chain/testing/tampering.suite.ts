import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { chainHash, type EventStore, type EventToAppend, type RecordedEvent, type StreamWrite } from '@customs-pulse/event-store';

import { verifyChain } from '../verify-chain.js';
import { clearanceHistory } from './events-to-append.js';

/** A real store and a way round it: SQL run on its event log directly, as someone with database access could. */
export interface TamperableStore {
  readonly store: EventStore;
  /** Runs `sql` (literals inline, no parameters) on the store's `event_log` table in its own connection. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

const EVENTS = 12;

/** The batch as ingest appends it: one write per subject. */
function bySubject(events: readonly EventToAppend[]): StreamWrite[] {
  const streams = new Map<string, EventToAppend[]>();
  for (const event of events) streams.set(event.subject, [...(streams.get(event.subject) ?? []), event]);
  return [...streams].map(([stream, writes]) => ({ stream, events: writes }));
}

const literal = (value: unknown): string => `'${(typeof value === 'string' ? value : JSON.stringify(value)).replaceAll("'", "''")}'`;

/**
 * Issue 8, item 3: editing, deleting and inserting a stored event behind the store's back is each detected by
 * {@link verifyChain}, which names the position. Run against every adapter's real database.
 */
export function tamperingSuite(open: () => Promise<TamperableStore>): void {
  let tamperable: TamperableStore;
  let stored: RecordedEvent[];
  const at = (position: number): RecordedEvent => stored[position - 1]!;

  beforeEach(async () => {
    tamperable = await open();
    await tamperable.store.appendMany(bySubject(clearanceHistory(EVENTS)));
    stored = await tamperable.store.readAll(0, EVENTS);
  });

  afterEach(async () => {
    await tamperable.close();
  });

  it('finds every link of the untouched store intact', async () => {
    expect(await verifyChain(tamperable.store, { pageSize: 5 })).toEqual({ ok: true, checked: EVENTS });
  });

  describe('an edited event', () => {
    it('is detected when its data is changed, naming its position', async () => {
      await tamperable.exec(`UPDATE event_log SET data = ${literal({ ...at(5).data, lane: 'BLUE' })} WHERE position = 5`);

      const verification = await verifyChain(tamperable.store, { pageSize: 5 });

      const { hash: _hash, ...edited } = { ...at(5), data: { ...at(5).data, lane: 'BLUE' } };
      expect(verification).toEqual({
        ok: false,
        checked: 4,
        firstBroken: { position: 5, expected: chainHash(at(4).hash, edited), found: at(5).hash },
      });
    });

    it('is detected when its recordedAt, which asOf reads, is moved', async () => {
      await tamperable.exec(`UPDATE event_log SET recorded_at = '2020-01-01T00:00:00.000Z' WHERE position = 7`);

      expect(await verifyChain(tamperable.store)).toMatchObject({ ok: false, checked: 6, firstBroken: { position: 7, found: at(7).hash } });
    });

    it('is detected at the next event when the forger also stored the edited event’s correct hash', async () => {
      const { hash: _hash, ...edited } = { ...at(5), type: 'LaneRerouted' };
      await tamperable.exec(`UPDATE event_log SET type = 'LaneRerouted', hash = ${literal(chainHash(at(4).hash, edited))} WHERE position = 5`);

      expect((await verifyChain(tamperable.store)).firstBroken).toMatchObject({ position: 6, found: at(6).hash });
    });
  });

  describe('a deleted event', () => {
    it('is detected at its position, the hole in the log', async () => {
      await tamperable.exec('DELETE FROM event_log WHERE position = 5');

      expect(await verifyChain(tamperable.store, { pageSize: 5 })).toEqual({
        ok: false,
        checked: 4,
        firstBroken: { position: 5, expected: 'position 5', found: 'position 6' },
      });
    });

    it('is detected at its position when the later events were renumbered to close the hole', async () => {
      await tamperable.exec('DELETE FROM event_log WHERE position = 5');
      // In two steps, through negative positions, so that no step collides with the primary key.
      await tamperable.exec('UPDATE event_log SET position = -(position - 1) WHERE position > 5');
      await tamperable.exec('UPDATE event_log SET position = -position WHERE position < 0');

      expect((await verifyChain(tamperable.store)).firstBroken).toMatchObject({ position: 5, found: at(6).hash });
    });

    it('is detected, once the last event is deleted, against the head noted earlier as anchor', async () => {
      const noted = { position: EVENTS, hash: at(EVENTS).hash };
      await tamperable.exec(`DELETE FROM event_log WHERE position = ${EVENTS}`);

      expect(await verifyChain(tamperable.store, { anchor: noted })).toEqual({
        ok: false,
        checked: EVENTS - 1,
        firstBroken: { position: EVENTS, expected: `position ${EVENTS}`, found: 'end of log' },
      });
    });
  });

  describe('an inserted event', () => {
    const insert = (fields: Omit<RecordedEvent, 'hash'>, hash: string): Promise<void> =>
      tamperable.exec(`INSERT INTO event_log (position, stream, revision, source, id, type, subject, time, data, extensions,
          recorded_at, content_hash, hash)
        VALUES (${fields.position}, ${literal(fields.stream)}, ${fields.revision}, ${literal(fields.source)}, ${literal(fields.id)},
          ${literal(fields.type)}, ${literal(fields.subject)}, ${literal(fields.time)}, ${literal(fields.data)},
          ${literal(fields.extensions)}, ${literal(fields.recordedAt)}, '-', ${literal(hash)})`);
    const forged = (position: number): Omit<RecordedEvent, 'hash'> => {
      const { hash: _hash, ...fields } = { ...at(5), position, stream: 'DEC-FORGED', subject: 'DEC-FORGED', revision: 0, id: 'evt-forged' };
      return fields;
    };

    it('is detected at the event after it when it was linked correctly and the later positions shifted up', async () => {
      await tamperable.exec('UPDATE event_log SET position = -(position + 1) WHERE position >= 5');
      await tamperable.exec('UPDATE event_log SET position = -position WHERE position < 0');
      const intruder = forged(5);
      await insert(intruder, chainHash(at(4).hash, intruder));

      const verification = await verifyChain(tamperable.store, { pageSize: 5 });

      expect(verification).toMatchObject({ ok: false, checked: 5, firstBroken: { position: 6, found: at(5).hash } });
    });

    it('is detected at its own position when its hash does not link, even after the head', async () => {
      await insert(forged(EVENTS + 1), at(EVENTS).hash);

      expect(await verifyChain(tamperable.store)).toMatchObject({ ok: false, checked: EVENTS, firstBroken: { position: EVENTS + 1, found: at(EVENTS).hash } });
    });

    it('is detected at the first missing position when stored beyond the head', async () => {
      const intruder = forged(EVENTS + 2);
      await insert(intruder, chainHash(at(EVENTS).hash, intruder));

      expect((await verifyChain(tamperable.store)).firstBroken).toEqual({
        position: EVENTS + 1,
        expected: `position ${EVENTS + 1}`,
        found: `position ${EVENTS + 2}`,
      });
    });
  });
}
