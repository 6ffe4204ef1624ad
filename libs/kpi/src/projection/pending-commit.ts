import type { RecordedEvent } from '@customs-pulse/event-store';

/** How many caught-up events may wait for one commit: see `KpiProjectorOptions.catchUpCommit`. */
export interface CatchUpCommitPolicy {
  readonly maxEvents: number;
  readonly maxMs: number;
}

/**
 * The batches a catching-up projector has applied but not yet committed: due once they hold `maxEvents` events or
 * the oldest of them has waited `maxMs`. Their events are kept for the change listener, which is told of them
 * together after the one commit.
 */
export class PendingCommit {
  private events: RecordedEvent[] = [];
  private since: number | null = null;

  constructor(
    private readonly policy: CatchUpCommitPolicy,
    /** Milliseconds on a monotonic clock. @defaultValue `performance.now` */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Adds an applied batch. */
  add(batch: readonly RecordedEvent[]): void {
    this.since ??= this.now();
    for (const event of batch) this.events.push(event);
  }

  /** How many events wait. */
  get size(): number {
    return this.events.length;
  }

  /** Whether the batches added since the last {@link PendingCommit.take} should be committed now. */
  isDue(): boolean {
    if (this.since === null) return false;
    return this.events.length >= this.policy.maxEvents || this.now() - this.since >= this.policy.maxMs;
  }

  /** The events added since the last take, in order; empties the pending set. */
  take(): readonly RecordedEvent[] {
    const taken = this.events;
    this.events = [];
    this.since = null;
    return taken;
  }
}
