import { canonicalJson } from './canonical-json.js';
import { dedupeKey } from './dedupe-key.js';
import type { EventToAppend } from './recorded-event.js';
import { sha256 } from './sha256.js';

/**
 * An event of a stream write with every canonical byte that does not depend on where the append puts it: adapters
 * build these before they take the append lock, so that under the lock a link of the chain is one concatenation
 * and one sha256. {@link linkHash} over it equals `chainHash` over the stored event (chain-link.spec.ts checks this
 * over generated events); `chainHash` stays the definition of a link that auditors verify with.
 */
export interface PreparedEvent {
  readonly event: EventToAppend;
  /** {@link dedupeKey} of `(source, id)`. */
  readonly key: string;
  /** `contentHash(event)`. */
  readonly contentHash: string;
  /** The canonical object up to the value of `position`: the members whose keys sort before it. */
  readonly head: string;
  /** The canonical object after the value of `revision`: the members whose keys sort after it, and `}`. */
  readonly tail: string;
}

/** Canonical pieces of `event`, written to `stream`. Keys are listed in canonical (UTF-16 code unit) order. */
export function prepareEvent(event: EventToAppend, stream: string): PreparedEvent {
  const data = member('data', event.data);
  const extensions = member('extensions', event.extensions ?? {});
  const subject = member('subject', event.subject);
  const time = member('time', event.time);
  const type = member('type', event.type);
  const before = joined([data, extensions, member('id', event.id)]);
  const after = joined([member('source', event.source), member('stream', stream), subject, time, type]);
  return {
    event,
    key: dedupeKey(event.source, event.id),
    contentHash: sha256(`{${joined([data, extensions, subject, time, type])}}`),
    head: `{${before}${before === '' ? '' : ','}"position":`,
    tail: `${after === '' ? '' : ','}${after}}`,
  };
}

/** The link of `prepared` stored at `position` with `revision`; `recordedAt` as {@link canonicalJson} writes it. */
export function linkHash(previousHash: string, prepared: PreparedEvent, position: number, revision: number, recordedAtJson: string): string {
  return sha256(
    `${previousHash}\n${prepared.head}${canonicalJson(position)},"recordedAt":${recordedAtJson},"revision":${canonicalJson(revision)}${prepared.tail}`,
  );
}

/** `"key":value` as canonical JSON writes an object member, or '' for an undefined value, which it leaves out. */
function member(key: string, value: unknown): string {
  return value === undefined ? '' : `${JSON.stringify(key)}:${canonicalJson(value)}`;
}

function joined(members: readonly string[]): string {
  let text = '';
  for (const piece of members) {
    if (piece === '') continue;
    text += text === '' ? piece : `,${piece}`;
  }
  return text;
}
