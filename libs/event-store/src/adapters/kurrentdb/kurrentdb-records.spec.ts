import { describe, expect, it } from '@jest/globals';
import { clearanceEvent } from '../../contract/event-fixtures.js';
import type { RecordedEvent } from '../../recorded-event.js';
import {
  DEDUPE_RECORD_TYPE,
  dedupeRecordData,
  dedupeRecordFrom,
  kurrentEventType,
  recordedEventData,
  recordedEventFrom,
  type StoredKurrentEvent,
} from './kurrentdb-records.js';

const recorded: RecordedEvent = {
  ...clearanceEvent('DEC-1', { extensions: { traceparent: '00-abc-01', priority: 2, urgent: true } }),
  extensions: { traceparent: '00-abc-01', priority: 2, urgent: true },
  stream: 'DEC-1',
  revision: 3,
  position: 42,
  recordedAt: '2026-03-01T08:00:00.000Z',
  hash: 'a'.repeat(64),
};

/** What a read gives back for data written at `revision` of `streamId`, after the JSON crossed the wire. */
function readBack(data: unknown, streamId: string, revision: number): StoredKurrentEvent {
  return { streamId, revision: BigInt(revision), data: JSON.parse(JSON.stringify(data)) };
}

describe('recordedEventData and recordedEventFrom', () => {
  it('store a recorded event as JSON data, with no metadata, under its own type and the given record id', () => {
    const data = recordedEventData(recorded, 'f47ac10b-58cc-4372-a567-0e02b2c3d479');

    expect(data).toMatchObject({ id: 'f47ac10b-58cc-4372-a567-0e02b2c3d479', contentType: 'application/json', type: 'LaneAssigned', metadata: undefined });
  });

  it('give back the same event from the log, where position is the record revision + 1', () => {
    const stored = readBack(recordedEventData(recorded, 'r').data, 'p.log', 41);

    expect(recordedEventFrom(stored, 'log')).toEqual(recorded);
  });

  it('give back the same event from its stream copy, where revision is the record revision', () => {
    const stored = readBack(recordedEventData(recorded, 'r').data, 'p.stream.DEC-1', 3);

    expect(recordedEventFrom(stored, 'stream')).toEqual(recorded);
  });

  it('read data the server hands over as bytes', () => {
    const bytes = new TextEncoder().encode(JSON.stringify(recordedEventData(recorded, 'r').data));

    expect(recordedEventFrom({ streamId: 'p.log', revision: 41n, data: bytes }, 'log')).toEqual(recorded);
  });

  it('refuse a log record that does not sit at the position it claims', () => {
    const stored = readBack(recordedEventData(recorded, 'r').data, 'p.log', 40);

    expect(() => recordedEventFrom(stored, 'log')).toThrow('KurrentDB event 40 of "p.log" says position 42 but sits at 41');
  });

  it('refuse a stream copy that does not sit at the revision it claims', () => {
    const stored = readBack(recordedEventData(recorded, 'r').data, 'p.stream.DEC-1', 4);

    expect(() => recordedEventFrom(stored, 'stream')).toThrow('says revision 3 but sits at 4');
  });

  it.each([
    ['a record that is not JSON', new TextEncoder().encode('{oops'), 'is not JSON'],
    ['a record that is not an object', [1, 2], 'is not a JSON object'],
    ['a record with no hash', { ...recordedEventData(recorded, 'r').data as object, hash: undefined }, '"hash" is not a string'],
    ['a record with a fractional position', { ...recordedEventData(recorded, 'r').data as object, position: 1.5 }, '"position" is not a whole number'],
    ['a record whose data is an array', { ...recordedEventData(recorded, 'r').data as object, data: [] }, '"data" is not an object'],
  ])('refuse %s, naming where it is', (_case, data, message) => {
    expect(() => recordedEventFrom({ streamId: 'p.log', revision: 41n, data }, 'log')).toThrow(message);
  });
});

describe('dedupeRecordData and dedupeRecordFrom', () => {
  it('keep the key, the position and the content hash of a stored event', () => {
    const record = { source: 'urn:a', id: 'e-1', position: 7, contentHash: 'c'.repeat(64) };
    const data = dedupeRecordData(record, 'r');

    expect(data.type).toBe(DEDUPE_RECORD_TYPE);
    expect(dedupeRecordFrom(readBack(data.data, 'p.dedupe.x', 0))).toEqual(record);
  });
});

describe('kurrentEventType', () => {
  it('keeps an event type as it is', () => {
    expect(kurrentEventType('LaneAssigned')).toBe('LaneAssigned');
  });

  it('moves a type that KurrentDB reserves ($ first, as a link $>) behind a prefix', () => {
    expect(kurrentEventType('$>')).toBe('customs-pulse:$>');
  });
});
