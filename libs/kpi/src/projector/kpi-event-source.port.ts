import { type KpiEngineEvent } from '../engine/engine-event.js';

/** A stored event with its place in the global log. */
export type PositionedEvent = KpiEngineEvent & { readonly position: number };

/**
 * What the projector needs of the event store: the part of `EventStore` (`@customs-pulse/event-store`) it uses,
 * declared here so that libs/kpi does not depend on the event store package; every `EventStore` is one.
 */
export interface KpiEventSource {
  /** Every event after `afterPosition`, in position order and in batches: the stored ones, then live ones. */
  subscribeAll(
    afterPosition: number,
    options?: { readonly batchSize?: number; readonly signal?: AbortSignal },
  ): AsyncIterable<readonly PositionedEvent[]>;

  /** The last stored event's position (0 for an empty log): how far the projector must get to be caught up. */
  head(): Promise<{ readonly position: number }>;
}
