import { type LogNormal } from './release-time-profile.js';

/**
 * How imperfect the producers are (events.md, "Arrival order"): some events are sent twice, some late, a few are
 * malformed and very few reuse an id with other content. Shares are per event.
 */
export const DATA_QUALITY = {
  /** Sent again (a producer's retry): ingest reports a duplicate. */
  duplicateShare: 0.01,
  duplicateDelayMinutes: { median: 2, sigma: 1 } satisfies LogNormal,
  /** Sent well after it happened (store-and-forward): it updates past KPI buckets. */
  lateShare: 0.02,
  lateDelayMinutes: { median: 20, sigma: 1 } satisfies LogNormal,
  /** A malformed copy besides the good event: rejected over HTTP, dead-lettered from Kafka. */
  invalidShare: 0.002,
  /** The same `(source, id)` sent again with another `time`: rejected as a conflict. */
  conflictShare: 0.0005,
} as const;
