import { afterEach, describe, expect, it } from '@jest/globals';
import type { AppendOutcome, EventStore } from '../event-store.port.js';
import { START, type EventToAppend } from '../recorded-event.js';
import { expectChainVerifies } from './event-store.contract.js';
import { clearanceEvent } from './event-fixtures.js';
import { ODD_VALUES, type OddValueName } from './odd-values.js';
import type { SharedLog } from './shared-log.contract.js';

/** What an adapter says it cannot hold, of {@link ODD_VALUES}, when an event is written to its subject's stream. */
export interface DeclaredLimits {
  readonly refuses: readonly OddValueName[];
}

/**
 * events.md, "Limits on values": a store holds every event byte for byte (the hash chain verifies after a restart)
 * or refuses that one event with a reason naming its field, and stores the rest of the batch. Never a failed batch,
 * never an altered string. `openLog` makes a fresh, empty log and says how to open stores on it (again, to restart).
 */
export function storeLimitsContract(openLog: () => Promise<SharedLog>, { refuses }: DeclaredLimits): void {
  const opened: EventStore[] = [];
  let log: SharedLog;
  const open = async (): Promise<EventStore> => {
    const store = await log.open();
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  /** After a restart, the log holds exactly `expected`, in order, and its hash chain verifies. */
  async function expectHeldAfterRestart(first: EventStore, expected: readonly EventToAppend[]): Promise<void> {
    await first.close();
    const log = await (await open()).readAll(START, 100);
    expect(log.map(given)).toEqual(expected.map(given));
    expectChainVerifies(log);
  }

  describe('limits on values', () => {
    describe.each(Object.entries(ODD_VALUES) as [OddValueName, (typeof ODD_VALUES)[OddValueName]][])('%s', (name, odd) => {
      const refused = refuses.includes(name);

      it(`appendMany to its subject's stream: ${refused ? 'refuses that event alone, naming its field' : 'holds it exactly'}`, async () => {
        log = await openLog();
        const store = await open();
        const before = clearanceEvent('DEC-A');
        const oddEvent = odd.change(clearanceEvent('DEC-ODD'));
        const after = clearanceEvent('DEC-B');

        const results = await store.appendMany([
          { stream: before.subject, events: [before] },
          { stream: oddEvent.subject, events: [oddEvent] },
          { stream: after.subject, events: [after] },
        ]);

        const [first, middle, last] = results.map((result) => result.outcomes[0]);
        expect([first?.status, last?.status]).toEqual(['appended', 'appended']);
        if (refused) expectRefusal(middle, odd.fields);
        else expect(middle).toMatchObject({ status: 'appended' });
        await expectHeldAfterRestart(store, refused ? [before, after] : [before, oddEvent, after]);
      });

      it('append: refuses it alone or holds it exactly, and stores the others of the write', async () => {
        log = await openLog();
        const store = await open();
        const [before, oddEvent, after] = [clearanceEvent('DEC-A'), odd.change(clearanceEvent('DEC-A')), clearanceEvent('DEC-A')];

        const { outcomes } = await store.append('DEC-A', [before, oddEvent, after], 'no_stream');

        expect(outcomes[0]).toEqual({ status: 'appended', position: 1, revision: 0 });
        const held = outcomes[1]!.status === 'appended';
        if (!held) expectRefusal(outcomes[1], odd.fields);
        expect(outcomes[2]).toMatchObject({ status: 'appended', revision: held ? 2 : 1 });
        await expectHeldAfterRestart(store, held ? [before, oddEvent, after] : [before, after]);
      });
    });

    it('holds the extremes validation accepts byte for byte, and they verify after a restart', async () => {
      log = await openLog();
      const store = await open();
      const extremes = [
        clearanceEvent('DEC-😀-𝄞', {
          id: `${'i'.repeat(126)}😀`,
          source: 'urn:customs:test:𝕏',
          time: '0001-01-01T00:00:00.000Z',
          data: { officeId: 'O'.repeat(128), reason: `${'r'.repeat(998)}😀`, '税关': 'é😀', customsValue: 1e12, amount: 0.0001 },
          extensions: { 'ключ': 'значение 🛃' },
        }),
        clearanceEvent('DEC-9999', { time: '9999-12-31T23:59:59.999Z', data: { quantity: 1e12, estimatedValue: 0, reason: 'x'.repeat(1000) } }),
      ];

      const results = await store.appendMany(extremes.map((event) => ({ stream: event.subject, events: [event] })));

      expect(results.flatMap((result) => result.outcomes).map((outcome) => outcome.status)).toEqual(['appended', 'appended']);
      await expectHeldAfterRestart(store, extremes);
    });
  });
}

function expectRefusal(outcome: AppendOutcome | undefined, fields: readonly string[]): void {
  expect(outcome).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/\S/) });
  expect(fields).toContain((outcome as { field: string }).field);
}

/** What a producer gave, of a stored event. */
function given({ id, source, type, subject, time, data, extensions }: EventToAppend): EventToAppend {
  return { id, source, type, subject, time, data, extensions: extensions ?? {} };
}
