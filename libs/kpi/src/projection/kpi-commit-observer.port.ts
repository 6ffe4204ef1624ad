import type { RecordedEvent } from '@customs-pulse/event-store';

import { type KpiEngine } from '../engine/kpi-engine.js';
import { type KpiUpdate } from '../notifier/notifier.port.js';
import { type ColdBuckets } from '../read-model/read-model.port.js';

/** One batch the live projection has just committed, with what it changed. */
export interface CommittedKpiBatch {
  /** The batch's events, in log order. */
  readonly events: readonly RecordedEvent[];
  /** The current values the batch changed, as the notifier received them. */
  readonly updates: readonly KpiUpdate[];
  /** The committed position: the last event's. */
  readonly position: number;
  /** The instant `current` values were read at. */
  readonly now: string;
  /** Whether the projection had caught up with the log as it was at its start (false while replaying history). */
  readonly caughtUp: boolean;
  /** The engine at `position`: read it synchronously, before awaiting anything. */
  readonly engine: KpiEngine;
  /**
   * Puts back in `engine` the declarations and cases of `events` it let go of (README, "Hot and cold state"), so that
   * their facts can be read: for events outside the batch, such as a range an observer missed. Absent, or a no-op,
   * for an engine that holds every subject.
   */
  readonly bringBack?: (events: readonly RecordedEvent[]) => Promise<void>;
  /**
   * Where the buckets `engine` let go of are read (cold-bucket-reads.ts): a query over an older range asks for them.
   * Absent, or null, for an engine that holds every bucket.
   */
  readonly cold?: ColdBuckets | null;
}

/**
 * Acts on what the live projection commits, events and changed values together: the alert rules (kpis.md, "Alerts").
 * Called after the notifier, whether it succeeded or failed, for the live projector only (a rebuild's batches equal
 * what was already observed). A batch observed before a crash may be observed again after it: an observer must be
 * idempotent. Its failure is logged and counted, and neither stops projection nor keeps the observers after it from
 * being told.
 */
export interface KpiCommitObserver {
  committed(batch: CommittedKpiBatch): Promise<void>;
  /**
   * The types of the batch's events it reads. A mirror (a gateway), which applies no event of its own, reads only the
   * events of these types from the log when every observer names its own, and tells of a batch only when it holds
   * some. @defaultValue every type
   */
  readonly eventTypes?: readonly string[];
  /**
   * Told once as the live projection starts, after it has loaded its read model and before it projects anything, so
   * an observer with a checkpoint of its own can catch up with what was committed before a crash without waiting for
   * a new event. The projection holds still until this settles (or it is stopped); a failure is logged and counted.
   */
  resumed?(state: ResumedKpiProjection): Promise<void>;
}

/** The live projection as it starts, at the checkpoint its read model holds. */
export interface ResumedKpiProjection {
  /** The read model's checkpoint: the position `engine` is at. */
  readonly position: number;
  /** Whether that is the log's head as it was at start (false when the projection will replay history first). */
  readonly caughtUp: boolean;
  /** The engine at `position`; it holds still until `resumed` settles. */
  readonly engine: KpiEngine;
  /**
   * Puts back in `engine` the declarations and cases of `events` it let go of (README, "Hot and cold state"), so that
   * their facts can be read: for events outside the batch, such as a range an observer missed. Absent, or a no-op,
   * for an engine that holds every subject.
   */
  readonly bringBack?: (events: readonly RecordedEvent[]) => Promise<void>;
}
