import { describe, expect, it } from '@jest/globals';

import { type AppendState, dedupeKey, lookupsFor, planAppend, prepareWrites, type StoredIdentity } from './append-plan.js';
import { clearanceEvent } from './contract/event-fixtures.js';
import { WrongExpectedRevisionError } from './errors.js';
import type { StreamWrite } from './event-store.port.js';
import { chainHash, contentHash, GENESIS_HASH } from './hash-chain.js';
import type { EventToAppend, LogHead } from './recorded-event.js';
import { withoutNul, type StoreLimits } from './store-limits.js';

const NO_NUL: StoreLimits = { text: [{ in: ['stream', 'id', 'data'], rule: withoutNul('which this store cannot hold') }] };

const NOW = new Date('2026-03-01T09:00:00.000Z');
const EMPTY_LOG: LogHead = { position: 0, hash: GENESIS_HASH, recordedAt: null };
const HEAD: LogHead = { position: 41, hash: 'b'.repeat(64), recordedAt: '2026-03-01T08:59:59.000Z' };

function stateOf(overrides: Partial<AppendState> = {}): AppendState {
  return { head: EMPTY_LOG, stored: new Map(), streamRevisions: new Map(), now: NOW, ...overrides };
}

/** An event with a fixed idempotency key, so that tests can refer to it in `stored`. */
function eventWithId(id: string, subject = 'DEC-1', overrides: Partial<EventToAppend> = {}): EventToAppend {
  return clearanceEvent(subject, { id, ...overrides });
}

/** What an adapter would have found in its log for `event`, stored at `position`. */
function storedAs(event: EventToAppend, position: number): [string, StoredIdentity] {
  return [dedupeKey(event.source, event.id), { position, contentHash: contentHash(event) }];
}

describe('planAppend', () => {
  describe('positions, revisions and recordedAt', () => {
    it('gives the new events contiguous positions right after the head, in write order', () => {
      const writes: StreamWrite[] = [
        { stream: 'A', events: [eventWithId('a1'), eventWithId('a2')] },
        { stream: 'B', events: [eventWithId('b1')] },
      ];

      const plan = planAppend(writes, stateOf({ head: HEAD }));

      expect(plan.rows.map((row) => [row.event.id, row.event.position])).toEqual([
        ['a1', 42],
        ['a2', 43],
        ['b1', 44],
      ]);
    });

    it('starts at position 1 on an empty log', () => {
      const plan = planAppend([{ stream: 'A', events: [eventWithId('a1')] }], stateOf());

      expect(plan.rows[0]?.event.position).toBe(1);
    });

    it('continues each stream from its last revision and starts a new stream at revision 0', () => {
      const writes: StreamWrite[] = [
        { stream: 'A', events: [eventWithId('a1'), eventWithId('a2')] },
        { stream: 'B', events: [eventWithId('b1')] },
      ];

      const plan = planAppend(writes, stateOf({ streamRevisions: new Map([['A', 4]]) }));

      expect(plan.rows.map((row) => [row.event.stream, row.event.revision])).toEqual([
        ['A', 5],
        ['A', 6],
        ['B', 0],
      ]);
      expect(plan.results.map((result) => [result.stream, result.streamRevision])).toEqual([
        ['A', 6],
        ['B', 0],
      ]);
    });

    it('continues a stream written twice in one batch from the first write', () => {
      const writes: StreamWrite[] = [
        { stream: 'A', events: [eventWithId('a1')] },
        { stream: 'A', events: [eventWithId('a2')], expected: 0 },
      ];

      const plan = planAppend(writes, stateOf());

      expect(plan.rows.map((row) => row.event.revision)).toEqual([0, 1]);
      expect(plan.results.map((result) => result.streamRevision)).toEqual([0, 1]);
    });

    it('reports appended outcomes with the position and revision given to each event', () => {
      const plan = planAppend(
        [{ stream: 'A', events: [eventWithId('a1'), eventWithId('a2')] }],
        stateOf({ head: HEAD, streamRevisions: new Map([['A', 2]]) }),
      );

      expect(plan.results).toEqual([
        {
          stream: 'A',
          streamRevision: 4,
          outcomes: [
            { status: 'appended', position: 42, revision: 3 },
            { status: 'appended', position: 43, revision: 4 },
          ],
        },
      ]);
    });

    it.each<[string, string | null, string]>([
      ['now, on an empty log', null, '2026-03-01T09:00:00.000Z'],
      ['now, when the last event was recorded earlier', '2026-03-01T08:59:59.999Z', '2026-03-01T09:00:00.000Z'],
      ['now, when the last event was recorded at the same instant', '2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z'],
      ['the last recordedAt, when the clock stepped back', '2026-03-01T09:00:00.001Z', '2026-03-01T09:00:00.001Z'],
    ])('records every new event at %s', (_case, lastRecordedAt, expected) => {
      const head: LogHead = { ...HEAD, recordedAt: lastRecordedAt };

      const plan = planAppend([{ stream: 'A', events: [eventWithId('a1'), eventWithId('a2')] }], stateOf({ head }));

      expect(plan.rows.map((row) => row.event.recordedAt)).toEqual([expected, expected]);
      expect(plan.head.recordedAt).toBe(expected);
    });

    it('stores the event as given, with its stream, and empty extensions when it had none', () => {
      const { extensions: _extensions, ...withoutExtensions } = eventWithId('a1');

      const plan = planAppend([{ stream: 'A', events: [withoutExtensions] }], stateOf());

      expect(plan.rows[0]?.event).toMatchObject({ ...withoutExtensions, stream: 'A', extensions: {} });
      expect(plan.rows[0]?.contentHash).toBe(contentHash(withoutExtensions));
    });
  });

  describe('hash chain and head', () => {
    it('chains the first new event from the head hash and each next one from the one before', () => {
      const plan = planAppend(
        [
          { stream: 'A', events: [eventWithId('a1')] },
          { stream: 'B', events: [eventWithId('b1'), eventWithId('b2')] },
        ],
        stateOf({ head: HEAD }),
      );

      const [first, second, third] = plan.rows.map((row) => row.event);
      const { hash: firstHash, ...firstFields } = first!;
      const { hash: secondHash, ...secondFields } = second!;
      const { hash: thirdHash, ...thirdFields } = third!;
      expect(firstHash).toBe(chainHash(HEAD.hash, firstFields));
      expect(secondHash).toBe(chainHash(firstHash, secondFields));
      expect(thirdHash).toBe(chainHash(secondHash, thirdFields));
    });

    it('chains the first event of an empty log from GENESIS_HASH', () => {
      const plan = planAppend([{ stream: 'A', events: [eventWithId('a1')] }], stateOf());

      const { hash, ...fields } = plan.rows[0]!.event;
      expect(hash).toBe(chainHash(GENESIS_HASH, fields));
    });

    it('keeps each new event content hash with its row', () => {
      const events = [eventWithId('a1'), eventWithId('a2')];

      const plan = planAppend([{ stream: 'A', events }], stateOf());

      expect(plan.rows.map((row) => row.contentHash)).toEqual(events.map(contentHash));
    });

    it('moves the head to the last new event: its position, hash and recordedAt', () => {
      const plan = planAppend([{ stream: 'A', events: [eventWithId('a1'), eventWithId('a2')] }], stateOf({ head: HEAD }));

      const last = plan.rows[1]!.event;
      expect(plan.head).toEqual({ position: 43, hash: last.hash, recordedAt: last.recordedAt });
    });

    it('leaves the head as it was when nothing new is stored', () => {
      const duplicate = eventWithId('a1');
      const head: LogHead = { ...HEAD, recordedAt: '2026-03-01T08:00:00.000Z' };

      const plan = planAppend(
        [{ stream: 'A', events: [duplicate] }],
        stateOf({ head, stored: new Map([storedAs(duplicate, 7)]) }),
      );

      expect(plan.rows).toEqual([]);
      expect(plan.head).toEqual(head);
    });
  });

  describe('dedupe', () => {
    it('reports an event stored with the same content as a duplicate at its stored position, and stores nothing', () => {
      const event = eventWithId('a1');

      const plan = planAppend([{ stream: 'A', events: [event] }], stateOf({ stored: new Map([storedAs(event, 7)]) }));

      expect(plan.rows).toEqual([]);
      expect(plan.results[0]?.outcomes).toEqual([{ status: 'duplicate', position: 7 }]);
    });

    it('reports an event stored under the same (source, id) with other content as a conflict, and stores nothing', () => {
      const original = eventWithId('a1', 'DEC-1', { data: { lane: 'GREEN' } });
      const changed = eventWithId('a1', 'DEC-1', { data: { lane: 'RED' } });

      const plan = planAppend([{ stream: 'A', events: [changed] }], stateOf({ stored: new Map([storedAs(original, 7)]) }));

      expect(plan.rows).toEqual([]);
      expect(plan.results[0]?.outcomes).toEqual([{ status: 'conflict', position: 7 }]);
    });

    it('treats the same id from another source as a different event', () => {
      const stored = eventWithId('a1', 'DEC-1', { source: 'urn:customs:test:one' });
      const other = eventWithId('a1', 'DEC-1', { source: 'urn:customs:test:two' });

      const plan = planAppend([{ stream: 'A', events: [other] }], stateOf({ stored: new Map([storedAs(stored, 7)]) }));

      expect(plan.results[0]?.outcomes).toEqual([{ status: 'appended', position: 1, revision: 0 }]);
    });

    it('stores only the new events of a write mixing new and stored ones, without gaps in positions or revisions', () => {
      const known = eventWithId('a2');

      const plan = planAppend(
        [{ stream: 'A', events: [eventWithId('a1'), known, eventWithId('a3')] }],
        stateOf({ stored: new Map([storedAs(known, 7)]) }),
      );

      expect(plan.rows.map((row) => [row.event.id, row.event.position, row.event.revision])).toEqual([
        ['a1', 1, 0],
        ['a3', 2, 1],
      ]);
      expect(plan.results[0]?.outcomes).toEqual([
        { status: 'appended', position: 1, revision: 0 },
        { status: 'duplicate', position: 7 },
        { status: 'appended', position: 2, revision: 1 },
      ]);
    });

    it('reports a repeat within one write as a duplicate of the first, and a changed repeat as a conflict', () => {
      const first = eventWithId('a1', 'DEC-1', { data: { lane: 'GREEN' } });
      const changed = eventWithId('a1', 'DEC-1', { data: { lane: 'RED' } });

      const plan = planAppend([{ stream: 'A', events: [first, { ...first }, changed] }], stateOf({ head: HEAD }));

      expect(plan.rows).toHaveLength(1);
      expect(plan.results[0]?.outcomes).toEqual([
        { status: 'appended', position: 42, revision: 0 },
        { status: 'duplicate', position: 42 },
        { status: 'conflict', position: 42 },
      ]);
    });

    it('reports a repeat in a later write of the batch as a duplicate of the event the earlier write stores', () => {
      const event = eventWithId('a1');

      const plan = planAppend(
        [
          { stream: 'A', events: [event] },
          { stream: 'B', events: [eventWithId('b1'), { ...event }] },
        ],
        stateOf(),
      );

      expect(plan.rows.map((row) => row.event.id)).toEqual(['a1', 'b1']);
      expect(plan.results[1]?.outcomes).toEqual([
        { status: 'appended', position: 2, revision: 0 },
        { status: 'duplicate', position: 1 },
      ]);
    });

    it('does not change the state it was given', () => {
      const known = eventWithId('a1');
      const state = stateOf({ stored: new Map([storedAs(known, 7)]), streamRevisions: new Map([['A', 3]]) });

      planAppend([{ stream: 'A', events: [known, eventWithId('a2')] }], state);

      expect([...state.stored.keys()]).toEqual([dedupeKey(known.source, known.id)]);
      expect([...state.streamRevisions]).toEqual([['A', 3]]);
    });
  });

  describe('concurrency check', () => {
    it('passes a write whose events are all duplicates whatever its expected revision, and reports the stream as it is', () => {
      const events = [eventWithId('a1'), eventWithId('a2')];
      const state = stateOf({
        stored: new Map([storedAs(events[0]!, 3), storedAs(events[1]!, 4)]),
        streamRevisions: new Map([['A', 9]]),
      });

      const plan = planAppend([{ stream: 'A', events, expected: 'no_stream' }], state);

      expect(plan.results).toEqual([
        {
          stream: 'A',
          streamRevision: 9,
          outcomes: [
            { status: 'duplicate', position: 3 },
            { status: 'duplicate', position: 4 },
          ],
        },
      ]);
    });

    it('passes a retried write whose events an earlier write of the same batch stores', () => {
      const event = eventWithId('a1');

      const plan = planAppend(
        [
          { stream: 'A', events: [event], expected: 'no_stream' },
          { stream: 'A', events: [{ ...event }], expected: 'no_stream' },
        ],
        stateOf(),
      );

      expect(plan.results[1]?.outcomes).toEqual([{ status: 'duplicate', position: 1 }]);
    });

    // Known discrepancy: the port says only all-duplicate writes skip the check, but `allDuplicates` is "no new
    // event", so a write of conflicts only passes with any expected revision.
    it('checks the expected revision of a write whose events are all conflicts', () => {
      const original = eventWithId('a1', 'DEC-1', { data: { lane: 'GREEN' } });
      const changed = eventWithId('a1', 'DEC-1', { data: { lane: 'RED' } });
      const state = stateOf({ stored: new Map([storedAs(original, 7)]), streamRevisions: new Map([['A', 3]]) });

      expect(() => planAppend([{ stream: 'A', events: [changed], expected: 'no_stream' }], state)).toThrow(
        WrongExpectedRevisionError,
      );
    });

    it.each<[string, StreamWrite['expected'], number | undefined]>([
      ['no_stream on an existing stream', 'no_stream', 3],
      ['stream_exists on a new stream', 'stream_exists', undefined],
      ['a stale revision', 2, 3],
      ['a revision on a new stream', 0, undefined],
    ])('throws WrongExpectedRevisionError for %s when the write has a new event', (_case, expected, current) => {
      const known = eventWithId('a1');
      const state = stateOf({
        stored: new Map([storedAs(known, 7)]),
        streamRevisions: current === undefined ? new Map() : new Map([['A', current]]),
      });

      expect(() => planAppend([{ stream: 'A', events: [known, eventWithId('a2')], expected }], state)).toThrow(
        WrongExpectedRevisionError,
      );
    });

    it('names the stream, the expected and the actual revision in the error', () => {
      const state = stateOf({ streamRevisions: new Map([['A', 3]]) });

      expect(() => planAppend([{ stream: 'A', events: [eventWithId('a1')], expected: 2 }], state)).toThrow(
        expect.objectContaining({ stream: 'A', expected: 2, actual: 3 }),
      );
    });

    it('throws for the whole batch when a later write fails its check', () => {
      const writes: StreamWrite[] = [
        { stream: 'A', events: [eventWithId('a1')], expected: 'no_stream' },
        { stream: 'B', events: [eventWithId('b1')], expected: 5 },
      ];

      expect(() => planAppend(writes, stateOf())).toThrow(WrongExpectedRevisionError);
    });

    it('checks a second write to a stream against the revision the first write leaves', () => {
      const writes: StreamWrite[] = [
        { stream: 'A', events: [eventWithId('a1')], expected: 'no_stream' },
        { stream: 'A', events: [eventWithId('a2')], expected: 'no_stream' },
      ];

      expect(() => planAppend(writes, stateOf())).toThrow(expect.objectContaining({ stream: 'A', actual: 0 }));
    });

    it.each<[StreamWrite['expected'], number | undefined]>([
      [undefined, 3],
      [undefined, undefined],
      ['any', 3],
      ['stream_exists', 3],
      [3, 3],
      ['no_stream', undefined],
    ])('appends with expected %p when the stream is at revision %p', (expected, current) => {
      const state = stateOf({ streamRevisions: current === undefined ? new Map() : new Map([['A', current]]) });

      const plan = planAppend([{ stream: 'A', events: [eventWithId('a1')], expected }], state);

      expect(plan.results[0]?.outcomes).toEqual([{ status: 'appended', position: 1, revision: (current ?? -1) + 1 }]);
    });

    it('still checks the expected revision of a write with no events, and reports the stream as it is', () => {
      const state = stateOf({ streamRevisions: new Map([['A', 3]]) });

      expect(() => planAppend([{ stream: 'A', events: [], expected: 'no_stream' }], state)).toThrow(
        WrongExpectedRevisionError,
      );
      expect(planAppend([{ stream: 'A', events: [], expected: 3 }], state).results).toEqual([
        { stream: 'A', streamRevision: 3, outcomes: [] },
      ]);
    });
  });
});

describe('dedupeKey', () => {
  it('is the same for the same source and id', () => {
    expect(dedupeKey('urn:customs:test', 'evt-1')).toBe(dedupeKey('urn:customs:test', 'evt-1'));
  });

  it.each([
    [['a"', 'b'], ['a', '"b']],
    [['a,b', 'c'], ['a', 'b,c']],
    [['a\\', 'b'], ['a', '\\b']],
    [['a","b', ''], ['a', 'b","']],
    [['', 'ab'], ['ab', '']],
    [['a|b', 'c'], ['a', 'b|c']],
  ])('tells (%j) from (%j)', ([source1, id1], [source2, id2]) => {
    expect(dedupeKey(source1!, id1!)).not.toBe(dedupeKey(source2!, id2!));
  });
});

describe('events the store cannot hold', () => {
  it('refuses them alone, naming the field: they take no position, and the chain links the others', () => {
    const writes: StreamWrite[] = [
      { stream: 'A', events: [eventWithId('a1'), eventWithId('bad\u0000'), eventWithId('a2', 'DEC-1', { data: { note: 'x\u0000' } })] },
      { stream: 'B', events: [eventWithId('b1')] },
    ];

    const plan = planAppend(writes, stateOf({ head: HEAD }), prepareWrites(writes, NO_NUL));

    expect(plan.results.map((result) => result.outcomes)).toEqual([
      [
        { status: 'appended', position: 42, revision: 0 },
        { status: 'rejected', field: 'id', reason: 'holds U+0000 (NUL), which this store cannot hold' },
        { status: 'rejected', field: 'data.note', reason: 'holds U+0000 (NUL), which this store cannot hold' },
      ],
      [{ status: 'appended', position: 43, revision: 0 }],
    ]);
    expect(plan.rows[1]!.event.hash).toBe(chainHash(plan.rows[0]!.event.hash, plan.rows[1]!.event));
  });

  it('refuses every event of a stream it cannot name, skips that write\'s concurrency check and looks up neither', () => {
    const writes: StreamWrite[] = [
      { stream: 'A\u0000', events: [eventWithId('a1')], expected: 3 },
      { stream: 'B', events: [eventWithId('bad\u0000'), eventWithId('b1')] },
    ];
    const prepared = prepareWrites(writes, NO_NUL);

    const plan = planAppend(writes, stateOf(), prepared);

    expect(plan.results[0]!.outcomes).toEqual([{ status: 'rejected', field: 'stream', reason: 'holds U+0000 (NUL), which this store cannot hold' }]);
    expect(plan.rows.map((row) => row.event.id)).toEqual(['b1']);
    expect(lookupsFor(writes, prepared)).toEqual({ keys: [{ source: 'urn:customs:test:asycuda', id: 'b1' }], streams: ['B'] });
  });

  it('refuses what canonical JSON has no form for, whatever the store', () => {
    const writes: StreamWrite[] = [{ stream: 'A', events: [eventWithId('a1', 'DEC-1', { data: { amount: Number.NaN } })] }];

    expect(planAppend(writes, stateOf()).results[0]!.outcomes).toEqual([
      { status: 'rejected', field: 'data.amount', reason: 'is NaN, which JSON has no form for' },
    ]);
  });
});

describe('lookupsFor', () => {
  it('lists every (source, id) and every stream of the batch once, in first-seen order', () => {
    const a1 = eventWithId('a1', 'DEC-1', { source: 'urn:one' });
    const a1OtherSource = eventWithId('a1', 'DEC-1', { source: 'urn:two' });
    const b1 = eventWithId('b1', 'DEC-2', { source: 'urn:one' });
    const writes: StreamWrite[] = [
      { stream: 'A', events: [a1, a1OtherSource, { ...a1 }] },
      { stream: 'B', events: [b1] },
      { stream: 'A', events: [{ ...b1 }] },
      { stream: 'C', events: [] },
    ];

    expect(lookupsFor(writes)).toEqual({
      keys: [
        { source: 'urn:one', id: 'a1' },
        { source: 'urn:two', id: 'a1' },
        { source: 'urn:one', id: 'b1' },
      ],
      streams: ['A', 'B', 'C'],
    });
  });

  it('has nothing to look up for an empty batch', () => {
    expect(lookupsFor([])).toEqual({ keys: [], streams: [] });
  });
});
