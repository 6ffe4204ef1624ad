import { type EventDataByType } from './event-data-dtos.js';
import { type ProducerEventType } from './event-types.js';

/**
 * A producer event that passed validation, in the form the event store appends as is: the CloudEvents envelope
 * reduced to what the system uses, `time` normalized, and any extension attributes set aside as metadata.
 */
export interface NormalizedEvent {
  /** Producer's event id; `(source, id)` is the idempotency key. */
  readonly id: string;
  /** The producing system, e.g. `urn:customs:uz:asycuda`. */
  readonly source: string;
  readonly type: ProducerEventType;
  /** Aggregate id: the declaration id, or the seizure case, offence case or audit id. */
  readonly subject: string;
  /** Event time in UTC with millisecond precision, always `YYYY-MM-DDTHH:mm:ss.sssZ` (`Date#toISOString`). */
  readonly time: string;
  /** The validated `data` object, unchanged. */
  readonly data: Readonly<Record<string, unknown>>;
  /** CloudEvents extension attributes (e.g. `traceparent`), kept as metadata; `{}` when there are none. */
  readonly extensions: Readonly<Record<string, string | number | boolean>>;
}

/** A normalized event of one type, with its `data` typed. */
export interface CustomsEventOf<T extends ProducerEventType> extends NormalizedEvent {
  readonly type: T;
  readonly data: EventDataByType[T];
}

/** Any normalized producer event, discriminated by `type`: `switch (event.type)` narrows `data`. */
export type CustomsEvent = { readonly [T in ProducerEventType]: CustomsEventOf<T> }[ProducerEventType];

/**
 * Views a normalized event as the typed {@link CustomsEvent} union. Sound only for events produced by
 * `validateEvent` (or read back from the store, where nothing else is appended as a producer event): no check is
 * repeated here, because the KPI engine calls it on every event it replays.
 */
export function asCustomsEvent(event: NormalizedEvent): CustomsEvent {
  return event as CustomsEvent;
}
