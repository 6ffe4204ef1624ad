import type { JSONEventData } from '@kurrent/kurrentdb-client';
import type { Position, RecordedEvent } from '../../recorded-event.js';

/** KurrentDB event type of a dedupe record. */
export const DEDUPE_RECORD_TYPE = 'customs-pulse.dedupe-key';

/** What the dedupe stream of one `(source, id)` holds: where that event is stored, and its content fingerprint. */
export interface DedupeRecord {
  readonly source: string;
  readonly id: string;
  readonly position: Position;
  readonly contentHash: string;
}

/** The part of an event read from KurrentDB that we look at (the client's `RecordedEvent` has it). */
export interface StoredKurrentEvent {
  readonly streamId: string;
  readonly revision: bigint;
  /** Parsed JSON, or the bytes when the server did not mark the record as JSON. */
  readonly data: unknown;
}

/**
 * A recorded event as KurrentDB event data, for the log and for the copy in its stream. Everything goes in `data`,
 * nothing in `metadata`: multi-stream appends take string-valued metadata only, and the hash chain covers typed
 * values. `recordId` is KurrentDB's event id, fresh for every write (see kurrentdb-append-requests.ts).
 */
export function recordedEventData(event: RecordedEvent, recordId: string): JSONEventData {
  const { id, source, type, subject, time, data, extensions, stream, revision, position, recordedAt, hash } = event;
  return {
    id: recordId,
    contentType: 'application/json',
    type: kurrentEventType(type),
    data: { position, stream, revision, source, id, type, subject, time, data, extensions, recordedAt, hash },
    metadata: undefined,
  };
}

/** A {@link DedupeRecord} as KurrentDB event data. */
export function dedupeRecordData(record: DedupeRecord, recordId: string): JSONEventData {
  const { source, id, position, contentHash } = record;
  return { id: recordId, contentType: 'application/json', type: DEDUPE_RECORD_TYPE, data: { source, id, position, contentHash }, metadata: undefined };
}

/**
 * The recorded event a log record (`where: 'log'`) or a stream copy (`where: 'stream'`) holds. Checks that it sits
 * where it says it does (position = log revision + 1, revision = copy revision), so a record written behind the
 * adapter's back is reported rather than handed out under a wrong position.
 */
export function recordedEventFrom(stored: StoredKurrentEvent, where: 'log' | 'stream'): RecordedEvent {
  const document = jsonObject(stored);
  const event: RecordedEvent = {
    position: integer(document, 'position', stored),
    stream: text(document, 'stream', stored),
    revision: integer(document, 'revision', stored),
    source: text(document, 'source', stored),
    id: text(document, 'id', stored),
    type: text(document, 'type', stored),
    subject: text(document, 'subject', stored),
    time: text(document, 'time', stored),
    data: object(document, 'data', stored) as RecordedEvent['data'],
    extensions: object(document, 'extensions', stored) as RecordedEvent['extensions'],
    recordedAt: text(document, 'recordedAt', stored),
    hash: text(document, 'hash', stored),
  };
  const expected = where === 'log' ? Number(stored.revision) + 1 : Number(stored.revision);
  const actual = where === 'log' ? event.position : event.revision;
  if (actual !== expected) {
    throw new Error(`${describe(stored)} says ${where === 'log' ? 'position' : 'revision'} ${actual} but sits at ${expected}`);
  }
  return event;
}

/** The {@link DedupeRecord} a dedupe stream holds. */
export function dedupeRecordFrom(stored: StoredKurrentEvent): DedupeRecord {
  const document = jsonObject(stored);
  return {
    source: text(document, 'source', stored),
    id: text(document, 'id', stored),
    position: integer(document, 'position', stored),
    contentHash: text(document, 'contentHash', stored),
  };
}

/** KurrentDB reserves event types that start with `$` (`$>` is a link): such a type is stored behind a prefix. */
export function kurrentEventType(type: string): string {
  return type.startsWith('$') ? `customs-pulse:${type}` : type;
}

function jsonObject(stored: StoredKurrentEvent): Record<string, unknown> {
  let value = stored.data;
  if (value instanceof Uint8Array) value = Buffer.from(value).toString('utf8');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      throw new Error(`${describe(stored)} is not JSON`);
    }
  }
  if (!isPlainObject(value)) throw new Error(`${describe(stored)} is not a JSON object`);
  return value;
}

function text(document: Record<string, unknown>, key: string, stored: StoredKurrentEvent): string {
  const value = document[key];
  if (typeof value !== 'string') throw malformed(stored, key, 'a string');
  return value;
}

function integer(document: Record<string, unknown>, key: string, stored: StoredKurrentEvent): number {
  const value = document[key];
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw malformed(stored, key, 'a whole number');
  return value as number;
}

function object(document: Record<string, unknown>, key: string, stored: StoredKurrentEvent): Record<string, unknown> {
  const value = document[key];
  if (!isPlainObject(value)) throw malformed(stored, key, 'an object');
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(stored: StoredKurrentEvent, key: string, expected: string): Error {
  return new Error(`${describe(stored)}: ${JSON.stringify(key)} is not ${expected}`);
}

function describe(stored: StoredKurrentEvent): string {
  return `KurrentDB event ${stored.revision} of ${JSON.stringify(stored.streamId)}`;
}
