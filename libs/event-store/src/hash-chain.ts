import { canonicalJson } from './canonical-json.js';
import { prepareEvent } from './chain-link.js';
import type { EventToAppend, RecordedEvent } from './recorded-event.js';
import { sha256 } from './sha256.js';

/** The previous hash of the first event in the log. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Fingerprint of what a producer said, without its idempotency key: two events with the same `(source, id)` are
 * duplicates when their content hashes are equal and a conflict otherwise. `time` is already normalized to UTC, so
 * `+05:00` and `Z` forms of one instant hash alike.
 */
export function contentHash(event: EventToAppend): string {
  // One definition: the append path computes it while preparing the event's chain link (chain-link.ts), the
  // canonical JSON of type, subject, time, data and extensions, hashed with sha256.
  return prepareEvent(event, '').contentHash;
}

/** The fields a link of the chain covers: everything stored about the event except its own hash. */
export type ChainedFields = Omit<RecordedEvent, 'hash'>;

/**
 * One link of the hash chain: sha256 over the previous link and the event's canonical bytes, position included,
 * so that changing, removing or inserting any stored event breaks every link after it.
 */
export function chainHash(previousHash: string, event: ChainedFields): string {
  return sha256(
    `${previousHash}\n${canonicalJson({
      position: event.position,
      stream: event.stream,
      revision: event.revision,
      source: event.source,
      id: event.id,
      type: event.type,
      subject: event.subject,
      time: event.time,
      data: event.data,
      extensions: event.extensions,
      recordedAt: event.recordedAt,
    })}`,
  );
}
