/** A part of an event as an adapter stores it: its attributes, the stream it is written to, and its two documents. */
export type EventPart = 'stream' | 'id' | 'source' | 'type' | 'subject' | 'time' | 'data' | 'extensions';

export const EVERY_PART: readonly EventPart[] = ['stream', 'id', 'source', 'type', 'subject', 'time', 'data', 'extensions'];

/** Something a store cannot hold in a string, byte for byte. */
export interface TextRule {
  /** True when the store holds `text` exactly. */
  readonly holds: (text: string) => boolean;
  /** What the string holds that the store cannot, e.g. `U+0000 (NUL)`. */
  readonly what: string;
  /** Why, as the reason's end: `which PostgreSQL text and JSON cannot hold`. */
  readonly because: string;
}

/**
 * What one adapter cannot hold byte for byte (events.md, "Limits on values"): it refuses such an event, before its
 * append's transaction, rather than fail the whole batch or store an altered string that would later break the
 * hash chain. Values canonical JSON has no form for (a non-finite number, a Date) are refused by every adapter.
 */
export interface StoreLimits {
  /** Each rule with the parts of an event it applies to; in `data` and `extensions`, to keys and values alike. */
  readonly text: readonly { readonly in: readonly EventPart[]; readonly rule: TextRule }[];
  /** Why the store cannot hold `time` exactly as given, if it cannot. */
  readonly time?: (time: string) => string | undefined;
}

/** Why a store did not hold one event: the field (`id`, `data.officeId`, `time`) and the reason. */
export interface StoreRefusal {
  readonly field: string;
  readonly reason: string;
}

/** A store whose only limits are those of canonical JSON. */
export const JSON_LIMITS: StoreLimits = { text: [] };

/** Holds no U+0000: PostgreSQL's text and JSON types have no NUL character. */
export function withoutNul(because: string): TextRule {
  return { holds: (text) => !text.includes('\u0000'), what: 'U+0000 (NUL)', because };
}

/** Holds only well-formed UTF-16, that is text that UTF-8 can encode: no surrogate without its pair. */
export function wellFormed(because: string): TextRule {
  return { holds: isWellFormed, what: 'an unpaired surrogate', because };
}

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` has no surrogate without its pair: when UTF-8 can encode it. */
export function isWellFormed(text: string): boolean {
  return !UNPAIRED_SURROGATE.test(text);
}
