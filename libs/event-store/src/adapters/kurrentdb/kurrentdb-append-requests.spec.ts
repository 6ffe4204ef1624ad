import { describe, expect, it } from '@jest/globals';
import { planAppend, type AppendState } from '../../append-plan.js';
import { clearanceEvent } from '../../contract/event-fixtures.js';
import { dedupeKey } from '../../dedupe-key.js';
import type { StreamWrite } from '../../event-store.port.js';
import { contentHash, GENESIS_HASH } from '../../hash-chain.js';
import { appendRequests, stateBefore } from './kurrentdb-append-requests.js';
import { streamNamesFor } from './kurrentdb-stream-names.js';

const names = streamNamesFor('p');
const NOW = new Date('2026-03-01T09:00:00.000Z');

function state(overrides: Partial<AppendState> = {}): AppendState {
  return { head: { position: 0, hash: GENESIS_HASH, recordedAt: null }, stored: new Map(), streamRevisions: new Map(), now: NOW, ...overrides };
}

let ids = 0;
const sequentialIds = (): string => `record-${(ids += 1)}`;

describe('appendRequests', () => {
  it('expects the log not to exist yet when the plan starts at position 1', () => {
    const plan = planAppend([{ stream: 'DEC-1', events: [clearanceEvent('DEC-1')] }], state());

    const [log] = appendRequests(plan.rows, names, sequentialIds);

    expect(log).toMatchObject({ streamName: 'p.log', expectedState: 'no_stream' });
  });

  it('expects the log exactly at the head the plan was made on, and writes the events there in position order', () => {
    const head = { position: 41, hash: 'b'.repeat(64), recordedAt: '2026-03-01T08:00:00.000Z' };
    const writes: StreamWrite[] = [
      { stream: 'DEC-1', events: [clearanceEvent('DEC-1'), clearanceEvent('DEC-1')] },
      { stream: 'DEC-2', events: [clearanceEvent('DEC-2')] },
    ];
    const plan = planAppend(writes, state({ head }));

    const [log] = appendRequests(plan.rows, names, sequentialIds);

    expect(log!.expectedState).toBe(40n);
    expect(log!.events.map((event) => (event.data as { position: number }).position)).toEqual([42, 43, 44]);
  });

  it('writes one copy request per stream, expected at the revision before its first new event', () => {
    const writes: StreamWrite[] = [
      { stream: 'DEC-1', events: [clearanceEvent('DEC-1')] },
      { stream: 'DEC-2', events: [clearanceEvent('DEC-2')] },
      { stream: 'DEC-1', events: [clearanceEvent('DEC-1')] },
    ];
    const plan = planAppend(writes, state({ streamRevisions: new Map([['DEC-1', 4]]) }));

    const copies = appendRequests(plan.rows, names, sequentialIds).filter((request) => request.streamName.startsWith('p.stream.'));

    expect(copies.map((copy) => [copy.streamName, copy.expectedState, copy.events.map((event) => (event.data as { revision: number }).revision)])).toEqual([
      ['p.stream.DEC-1', 4n, [5, 6]],
      ['p.stream.DEC-2', 'no_stream', [0]],
    ]);
  });

  it('claims one dedupe stream per new event, expected not to exist, holding its position and content hash', () => {
    const event = clearanceEvent('DEC-1');
    const plan = planAppend([{ stream: 'DEC-1', events: [event] }], state());

    const dedupe = appendRequests(plan.rows, names, sequentialIds).filter((request) => request.streamName.startsWith('p.dedupe.'));

    expect(dedupe).toEqual([
      {
        streamName: names.dedupe(dedupeKey(event.source, event.id)),
        expectedState: 'no_stream',
        events: [expect.objectContaining({ data: { source: event.source, id: event.id, position: 1, contentHash: contentHash(event) } })],
      },
    ]);
  });

  it('names every stream once, as a multi-stream append requires', () => {
    const writes: StreamWrite[] = [
      { stream: 'DEC-1', events: [clearanceEvent('DEC-1'), clearanceEvent('DEC-1')] },
      { stream: 'DEC-1', events: [clearanceEvent('DEC-1')] },
    ];
    const streamNames = appendRequests(planAppend(writes, state()).rows, names, sequentialIds).map((request) => request.streamName);

    expect(new Set(streamNames).size).toBe(streamNames.length);
  });

  it('gives every record a fresh id, so that KurrentDB never takes a new record for a resend of an old one', () => {
    const plan = planAppend([{ stream: 'DEC-1', events: [clearanceEvent('DEC-1'), clearanceEvent('DEC-1')] }], state());

    const recordIds = appendRequests(plan.rows, names).flatMap((request) => request.events.map((event) => event.id));

    expect(new Set(recordIds).size).toBe(6);
    expect(recordIds.every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
  });

  it('writes nothing for a plan with nothing to store', () => {
    expect(appendRequests([], names)).toEqual([]);
  });
});

describe('stateBefore', () => {
  it('expects no stream before revision 0, and the previous revision after that', () => {
    expect([stateBefore(0), stateBefore(1), stateBefore(7)]).toEqual(['no_stream', 0n, 6n]);
  });
});
