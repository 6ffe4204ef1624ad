/** How far the KPI projection is behind the event store. */
export interface ProjectionLag {
  /** Events stored but not yet applied: head − applied, never below 0. */
  readonly events: number;
  /**
   * How long the oldest event not yet applied has waited since it was stored, in seconds; 0 when none waits. It
   * grows while the projection is stuck even when nothing new arrives, which the gap between the head's and the last
   * applied event's `recordedAt` would not show.
   */
  readonly seconds: number;
}

/** What the lag is computed from, read at one scrape. */
export interface ProjectionLagReading {
  /** The store's head position. */
  readonly head: number;
  /** The position the projection has applied. */
  readonly applied: number;
  /** `recordedAt` of the event right after `applied`; undefined when there is none. */
  readonly oldestPendingRecordedAt: string | undefined;
  readonly now: Date;
}

/** The lag of a reading; a store clock ahead of this one's counts as no wait rather than a negative one. */
export function projectionLag({ head, applied, oldestPendingRecordedAt, now }: ProjectionLagReading): ProjectionLag {
  const events = Math.max(0, head - applied);
  if (events === 0 || oldestPendingRecordedAt === undefined) return { events, seconds: 0 };
  return { events, seconds: Math.max(0, (now.getTime() - Date.parse(oldestPendingRecordedAt)) / 1000) };
}
