import type { RecordHeaderValue } from '../../messaging/consumed-record.js';
import type { DeadLetter } from '../../messaging/dead-letter-sink.port.js';

/** Names of the headers a dead-letter record carries besides the original record's own. */
export const DEAD_LETTER_HEADER = {
  /** JSON array of `{"path","message"}`, every reason the record was rejected (events.md). */
  reasons: 'x-dead-letter-reasons',
  originalTopic: 'x-original-topic',
  /** Decimal. */
  originalPartition: 'x-original-partition',
  /** Decimal. */
  originalOffset: 'x-original-offset',
  /** RFC 3339, UTC with milliseconds. */
  deadLetteredAt: 'x-dead-lettered-at',
  /**
   * Only when the dead-letter topic refused the value as too large: the value's size in bytes. The record then goes
   * without its value, which stays readable at the original topic, partition and offset.
   */
  valueOmittedBytes: 'x-dead-letter-value-omitted-bytes',
} as const;

/**
 * The headers of a dead-letter record: the original record's headers (its `content-type`, trace context, ...), then
 * the reasons and where the record came from, replacing any original header of the same name.
 *
 * Reasons are objects rather than `"path: message"` strings so that a tool can read them back exactly, whatever
 * a message contains.
 */
export function deadLetterHeaders({ record, reasons, deadLetteredAt }: DeadLetter): Record<string, RecordHeaderValue> {
  const original = Object.entries(record.headers).filter(
    (entry): entry is [string, RecordHeaderValue] => entry[1] !== undefined,
  );
  return {
    ...Object.fromEntries(original),
    [DEAD_LETTER_HEADER.reasons]: JSON.stringify(reasons.map(({ path, message }) => ({ path, message }))),
    [DEAD_LETTER_HEADER.originalTopic]: record.topic,
    [DEAD_LETTER_HEADER.originalPartition]: String(record.partition),
    [DEAD_LETTER_HEADER.originalOffset]: record.offset,
    [DEAD_LETTER_HEADER.deadLetteredAt]: deadLetteredAt.toISOString(),
  };
}
