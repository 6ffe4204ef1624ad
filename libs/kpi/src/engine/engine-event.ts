import { type EventDataByType, type ProducerEventType, isProducerEventType } from '@customs-pulse/domain';

/**
 * An event as the KPI engine reads it: a stored event of the global log (`RecordedEvent` of the event store satisfies
 * it). `type` is any stored type: the system's own events (`AlertRaised`, ...) pass through and count for nothing.
 */
export interface KpiEngineEvent {
  /** Position in the global log; the engine does not depend on it (KPIs are a function of the event set). */
  readonly position?: number;
  /** Producer's id; with `source`, the idempotency key. */
  readonly id: string;
  readonly source: string;
  readonly type: string;
  /** Declaration id for clearance events; seizure case, offence case or audit id otherwise. */
  readonly subject: string;
  /** Event time, RFC 3339 UTC with milliseconds. */
  readonly time: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** When the store committed it, RFC 3339 UTC with milliseconds: only `ingest_lag_p95` looks at it. */
  readonly recordedAt: string;
}

/** A {@link KpiEngineEvent} of one producer type, its `data` typed. */
export type KpiEngineEventOf<T extends ProducerEventType> = KpiEngineEvent & {
  readonly type: T;
  readonly data: EventDataByType[T];
};

/** Any producer event, discriminated by `type`: `switch (event.type)` narrows `data`. */
export type TypedEngineEvent = { readonly [T in ProducerEventType]: KpiEngineEventOf<T> }[ProducerEventType];

/**
 * The event as a typed producer event, or `null` for a type no KPI reads (the system's own events). Stored events
 * passed validation before they were stored, so `data` is not checked again: the engine replays every event.
 */
export function asTypedEvent(event: KpiEngineEvent): TypedEngineEvent | null {
  return isProducerEventType(event.type) ? (event as TypedEngineEvent) : null;
}
