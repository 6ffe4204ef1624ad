/** A global log position: 1 for the first stored event, contiguous, never reused. */
export type Position = number;

/** The position before the first event: subscribe or read from here to get the whole log. */
export const START: Position = 0;

/** CloudEvents extension attributes, kept with the event as metadata. */
export type EventExtensions = Readonly<Record<string, string | number | boolean>>;

/**
 * An event as a producer sent it, already validated and normalized (`time` in UTC with milliseconds).
 * `(source, id)` is its idempotency key.
 */
export interface EventToAppend {
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  /** Event time, RFC 3339 UTC with milliseconds (`Date#toISOString`). */
  readonly time: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly extensions?: EventExtensions;
}

/** An event as the store holds it: where it stands in its stream and in the global log, and its link in the hash chain. */
export interface RecordedEvent extends EventToAppend {
  readonly stream: string;
  /** 0 for the first event of its stream. */
  readonly revision: number;
  readonly position: Position;
  /** When the store committed it, RFC 3339 UTC with milliseconds; never decreases along the log. */
  readonly recordedAt: string;
  /** sha256 (hex) of the previous event's hash and this event's canonical bytes (see hash-chain.ts). */
  readonly hash: string;
  readonly extensions: EventExtensions;
}

/** The last stored event's position and hash: what an auditor anchors a verification to. */
export interface LogHead {
  readonly position: Position;
  readonly hash: string;
  /** `recordedAt` of the last event, or null for an empty log. */
  readonly recordedAt: string | null;
}
