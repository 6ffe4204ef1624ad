import { type BackoffSchedule, retrying } from '@customs-pulse/backoff';
import { EventStoreUnavailableError } from '@customs-pulse/event-store';

import { type ProjectionFailure, ProjectionFailures } from '../projection/projection-failures.js';
import { type TargetJournal } from './target-journal.js';

/** Options of a {@link TargetPlanLoad}. */
export interface TargetPlanLoadOptions {
  readonly journal: Pick<TargetJournal, 'load' | 'loaded'>;
  readonly logger: { warn(message: string): void; error(message: string): void };
  /** Waits between attempts while the store is out. @defaultValue 100 ms doubling to 30 s */
  readonly retryBackoff?: BackoffSchedule;
}

const DEFAULT_RETRY_BACKOFF: BackoffSchedule = { initialMs: 100, maxMs: 30_000, multiplier: 2 };

/**
 * Reads the target plan as the app starts, without holding up its start, and goes on trying while the store is out
 * (architecture.md, guarantee 8). A process that judges targets but serves no target request (the projector) would
 * otherwise never read the targets set before its start after one failed read: never judged, never pushed.
 * A failure that is not an outage (`EventStoreUnavailableError`) is not retried here: it is logged and reported by
 * {@link TargetPlanLoad.failure}, and the next target request tries again.
 */
export class TargetPlanLoad {
  private readonly stopping = new AbortController();
  private readonly failures = new ProjectionFailures();

  constructor(private readonly options: TargetPlanLoadOptions) {}

  /** Whether the plan has been read. */
  get loaded(): boolean {
    return this.options.journal.loaded;
  }

  /** The failure of the last attempt, while none has succeeded since; null otherwise. */
  get failure(): ProjectionFailure | null {
    return this.loaded ? null : this.failures.current;
  }

  /** Starts reading the plan; resolves once it is read, given up on, or stopped (never rejects). */
  async start(): Promise<void> {
    const { journal, logger } = this.options;
    try {
      await retrying(() => journal.load(), {
        retryable: (error) => error instanceof EventStoreUnavailableError,
        attempts: Infinity,
        backoff: this.options.retryBackoff ?? DEFAULT_RETRY_BACKOFF,
        signal: this.stopping.signal,
        onRetry: (error, attempt, delay) => {
          this.failures.failed(error);
          logger.warn(`reading the target plan failed (attempt ${attempt}), retrying in ${delay} ms: ${describe(error)}`);
        },
      });
      this.failures.succeeded();
    } catch (error) {
      if (this.stopping.signal.aborted) return;
      this.failures.failed(error);
      logger.error(`reading the target plan failed, not retried until a target request: ${describe(error)}`);
    }
  }

  /** Stops retrying: the app shuts down. */
  stop(): void {
    this.stopping.abort();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
