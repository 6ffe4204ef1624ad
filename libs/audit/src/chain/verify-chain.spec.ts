import { describe, expect, it } from '@jest/globals';
import { chainHash, GENESIS_HASH, type Position, type RecordedEvent } from '@customs-pulse/event-store';

import { clearanceHistory } from './testing/events-to-append.js';
import { InMemoryLog, recordedLog, relinked } from './testing/in-memory-log.js';
import { VerificationRangeError } from './verification-range-error.js';
import { verifyChain } from './verify-chain.js';

/** Ten events over three declarations, linked as the store links them. */
const history = (): RecordedEvent[] => recordedLog(clearanceHistory(10));

const at = (log: readonly RecordedEvent[], position: Position): RecordedEvent => log.find((event) => event.position === position)!;

/** `log` with the event at `position` replaced by `change(event)`, its stored hash left as it was. */
function edited(log: readonly RecordedEvent[], position: Position, change: (event: RecordedEvent) => RecordedEvent): RecordedEvent[] {
  return log.map((event) => (event.position === position ? change(event) : event));
}

/** Positions shifted by `by` from `from` on, as an UPDATE of the position column would leave them. */
function renumbered(log: readonly RecordedEvent[], from: Position, by: number): RecordedEvent[] {
  return log.map((event) => (event.position >= from ? { ...event, position: event.position + by } : event));
}

describe('verifyChain', () => {
  describe('an untouched log', () => {
    it('verifies an empty log: nothing to check, nothing broken', async () => {
      expect(await verifyChain(new InMemoryLog([]))).toEqual({ ok: true, checked: 0 });
    });

    it('verifies every link from the genesis hash to the head, page by page', async () => {
      const log = new InMemoryLog(history());

      expect(await verifyChain(log, { pageSize: 3 })).toEqual({ ok: true, checked: 10 });
      // Four pages of at most 3, none past the head.
      expect(log.reads).toBe(4);
    });

    it('verifies a store of one event, whose link starts from the genesis hash', async () => {
      expect(await verifyChain(new InMemoryLog(history().slice(0, 1)))).toEqual({ ok: true, checked: 1 });
    });
  });

  describe('genesis', () => {
    it('breaks at position 1 when the first event does not link to 64 zeros', async () => {
      const log = relinked(history(), 'f'.repeat(64));

      const verification = await verifyChain(new InMemoryLog(log));

      expect(verification).toEqual({
        ok: false,
        checked: 0,
        firstBroken: { position: 1, expected: chainHash(GENESIS_HASH, log[0]!), found: log[0]!.hash },
      });
    });
  });

  describe('an edited event', () => {
    it.each<[string, (event: RecordedEvent) => RecordedEvent]>([
      ['data', (event) => ({ ...event, data: { ...event.data, lane: 'BLUE' } })],
      ['data (a field removed)', (event) => ({ ...event, data: { lane: event.data.lane } })],
      ['time', (event) => ({ ...event, time: '2026-03-01T06:03:00.001Z' })],
      ['type', (event) => ({ ...event, type: 'LaneRerouted' })],
      ['subject', (event) => ({ ...event, subject: 'DEC-2026-999999' })],
      ['source', (event) => ({ ...event, source: 'urn:customs:forged' })],
      ['id', (event) => ({ ...event, id: 'evt-forged' })],
      ['extensions', (event) => ({ ...event, extensions: { traceparent: '00-forged-01' } })],
      ['stream', (event) => ({ ...event, stream: 'another-stream' })],
      ['revision', (event) => ({ ...event, revision: event.revision + 1 })],
      ['recordedAt', (event) => ({ ...event, recordedAt: '2026-03-01T09:00:00.002Z' })],
      ['its stored hash', (event) => ({ ...event, hash: 'a'.repeat(64) })],
    ])('breaks at its position when %s changes, expecting the recomputed hash and finding the stored one', async (_field, change) => {
      const log = edited(history(), 4, change);

      const verification = await verifyChain(new InMemoryLog(log));

      const { hash: found, ...fields } = at(log, 4);
      expect(verification).toEqual({
        ok: false,
        checked: 3,
        firstBroken: { position: 4, expected: chainHash(at(log, 3).hash, fields), found },
      });
      expect(verification.firstBroken!.expected).not.toBe(found);
    });

    it('breaks at the next event when the forger recomputed the edited event’s own hash', async () => {
      const original = history();
      const forged = relinked([{ ...at(original, 4), data: { lane: 'BLUE', basis: 'CRITERIA' } }], at(original, 3).hash)[0]!;
      const log = edited(original, 4, () => forged);

      expect((await verifyChain(new InMemoryLog(log))).firstBroken).toMatchObject({ position: 5, found: at(original, 5).hash });
    });

    it('cannot see an edit whose every later hash was recomputed, unless a link noted earlier is given as anchor', async () => {
      const original = history();
      const noted = { position: 10, hash: at(original, 10).hash };
      const log = relinked(edited(original, 4, (event) => ({ ...event, data: { lane: 'BLUE', basis: 'CRITERIA' } })));

      expect(await verifyChain(new InMemoryLog(log))).toEqual({ ok: true, checked: 10 });
      expect(await verifyChain(new InMemoryLog(log), { anchor: noted })).toEqual({
        ok: false,
        checked: 9,
        firstBroken: { position: 10, expected: noted.hash, found: at(log, 10).hash },
      });
    });

    it('breaks, naming the position, when a number was edited beyond what JSON can carry (it reads back as Infinity)', async () => {
      const log = edited(history(), 6, (event) => ({ ...event, data: { ...event.data, riskScore: Number.POSITIVE_INFINITY } }));

      expect(await verifyChain(new InMemoryLog(log))).toEqual({
        ok: false,
        checked: 5,
        firstBroken: { position: 6, expected: 'a stored event that can be read and hashed', found: expect.stringMatching(/^unreadable: .*Infinity/) },
      });
    });
  });

  describe('a removed event', () => {
    it('breaks where the hole is, expecting that position and finding the next one stored', async () => {
      const log = history().filter((event) => event.position !== 4);

      expect(await verifyChain(new InMemoryLog(log))).toEqual({
        ok: false,
        checked: 3,
        firstBroken: { position: 4, expected: 'position 4', found: 'position 5' },
      });
    });

    it('breaks at the hole even when every hash after it was recomputed: positions must run on', async () => {
      const original = history();
      const log = [...original.slice(0, 3), ...relinked(original.slice(4), at(original, 3).hash)];

      expect((await verifyChain(new InMemoryLog(log))).firstBroken).toEqual({ position: 4, expected: 'position 4', found: 'position 5' });
    });

    it('breaks at its position when the events after it were renumbered to close the hole', async () => {
      const original = history();
      const log = renumbered(original.filter((event) => event.position !== 4), 5, -1);

      expect((await verifyChain(new InMemoryLog(log))).firstBroken).toEqual({
        position: 4,
        expected: chainHash(at(original, 3).hash, { ...at(original, 5), position: 4 }),
        found: at(original, 5).hash,
      });
    });

    it('cannot see the last events removed, unless the old head is given as anchor', async () => {
      const original = history();
      const log = original.slice(0, 8);

      expect(await verifyChain(new InMemoryLog(log))).toEqual({ ok: true, checked: 8 });
      expect(await verifyChain(new InMemoryLog(log), { anchor: { position: 10, hash: at(original, 10).hash } })).toEqual({
        ok: false,
        checked: 8,
        firstBroken: { position: 9, expected: 'position 9', found: 'end of log' },
      });
    });
  });

  describe('an inserted event', () => {
    const intruder = (log: readonly RecordedEvent[], position: Position, linkedTo: string): RecordedEvent => {
      const { hash: _hash, ...fields } = { ...at(log, 4), id: 'evt-intruder', position };
      return { ...fields, hash: chainHash(linkedTo, fields) };
    };

    it('breaks at the event after it when it was linked correctly and the later events renumbered', async () => {
      const original = history();
      const log = [...renumbered(original, 4, 1), intruder(original, 4, at(original, 3).hash)];

      expect(await verifyChain(new InMemoryLog(log))).toEqual({
        ok: false,
        checked: 4,
        firstBroken: { position: 5, expected: chainHash(log.at(-1)!.hash, { ...at(original, 4), position: 5 }), found: at(original, 4).hash },
      });
    });

    it('breaks at its own position when its hash does not link', async () => {
      const original = history();
      const log = [...renumbered(original, 4, 1), intruder(original, 4, 'b'.repeat(64))];

      expect((await verifyChain(new InMemoryLog(log))).firstBroken).toMatchObject({ position: 4 });
    });

    it('breaks at the first missing position when it was stored beyond the head', async () => {
      const original = history();
      const log = [...original, intruder(original, 12, at(original, 10).hash)];

      expect((await verifyChain(new InMemoryLog(log))).firstBroken).toEqual({ position: 11, expected: 'position 11', found: 'position 12' });
    });

    it('cannot tell an event linked correctly after the head from a genuine append', async () => {
      const original = history();

      expect(await verifyChain(new InMemoryLog([...original, intruder(original, 11, at(original, 10).hash)]))).toEqual({ ok: true, checked: 11 });
    });
  });

  describe('reordered events', () => {
    it('breaks at the first of two events that swapped positions', async () => {
      const original = history();
      const log = original.map((event) =>
        event.position === 4 ? { ...at(original, 5), position: 4 } : event.position === 5 ? { ...at(original, 4), position: 5 } : event,
      );

      expect((await verifyChain(new InMemoryLog(log))).firstBroken).toMatchObject({ position: 4, found: at(original, 5).hash });
    });
  });

  describe('an unreadable event', () => {
    /** A log whose row at `position` no longer parses, like SQLite text JSON edited by hand. */
    class LogWithBadRow extends InMemoryLog {
      constructor(rows: readonly RecordedEvent[], private readonly badPosition: Position) {
        super(rows);
      }

      override async readAll(afterPosition: Position, limit: number): Promise<RecordedEvent[]> {
        const page = await super.readAll(afterPosition, limit);
        if (page.some((event) => event.position === this.badPosition)) throw new SyntaxError('Unexpected token } in JSON');
        return page;
      }
    }

    it('checks the events of its page before it, then breaks at its position', async () => {
      expect(await verifyChain(new LogWithBadRow(history(), 6), { pageSize: 4 })).toEqual({
        ok: false,
        checked: 5,
        firstBroken: { position: 6, expected: 'a stored event that can be read and hashed', found: 'unreadable: Unexpected token } in JSON' },
      });
    });

    it('breaks at the link a range starts from when that one cannot be read', async () => {
      expect((await verifyChain(new LogWithBadRow(history(), 6), { from: 7 })).firstBroken).toMatchObject({ position: 6 });
    });
  });

  describe('a range', () => {
    it('verifies from `from` to `to` only, taking the stored link before `from` as given', async () => {
      const log = edited(edited(history(), 2, (event) => ({ ...event, type: 'LaneRerouted' })), 9, (event) => ({ ...event, type: 'LaneRerouted' }));

      expect(await verifyChain(new InMemoryLog(log), { from: 3, to: 8 })).toEqual({ ok: true, checked: 6 });
      expect((await verifyChain(new InMemoryLog(log), { from: 3 })).firstBroken).toMatchObject({ position: 9 });
    });

    it('checks the link before `from` against an anchor there, so that an incremental verification trusts nothing', async () => {
      const original = history();
      const log = relinked(edited(original, 2, (event) => ({ ...event, type: 'LaneRerouted' })));

      expect(await verifyChain(new InMemoryLog(log), { from: 6, anchor: { position: 5, hash: at(original, 5).hash } })).toEqual({
        ok: false,
        checked: 0,
        firstBroken: { position: 5, expected: at(original, 5).hash, found: at(log, 5).hash },
      });
    });

    it('breaks at the first missing position when `to` lies beyond the log', async () => {
      expect(await verifyChain(new InMemoryLog(history()), { to: 12 })).toEqual({
        ok: false,
        checked: 10,
        firstBroken: { position: 11, expected: 'position 11', found: 'end of log' },
      });
    });

    it('reads no further than the first broken link', async () => {
      const log = new InMemoryLog(edited(recordedLog(clearanceHistory(500)), 5, (event) => ({ ...event, type: 'LaneRerouted' })));

      await verifyChain(log, { pageSize: 10 });

      // head, the page holding the break, and the page read ahead of it.
      expect(log.reads).toBeLessThanOrEqual(2);
    });

    it.each([
      ['from before position 1', { from: 0 }],
      ['from after the head', { from: 12 }],
      ['from after to', { from: 5, to: 3 }],
      ['an anchor outside the range', { from: 5, to: 8, anchor: { position: 9, hash: GENESIS_HASH } }],
      ['a page size of 0', { pageSize: 0 }],
    ])('refuses %s', async (_case, options) => {
      await expect(verifyChain(new InMemoryLog(history()), options)).rejects.toThrow(VerificationRangeError);
    });
  });
});
