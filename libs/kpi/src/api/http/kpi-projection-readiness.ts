import { type Clock } from '@customs-pulse/domain';
import { type EventStore } from '@customs-pulse/event-store';
import { type ReadinessCheck } from '@customs-pulse/http';

import { type KpiProjection } from '../../projection/kpi-projection.js';
import { projectionLag } from '../metrics/projection-lag.js';

/** What `GET /health/ready` shows of the KPI projection under `kpiProjection`. */
export type KpiProjectionStatus = {
  readonly ready: boolean;
  /** The position queries answer from. */
  readonly position: number;
  /**
   * The position whose effect is stored (the read model's checkpoint). Until it reaches `position`, an answer may lack
   * the late events applied since whose buckets before the horizons are being read back (README, "Hot and cold state").
   */
  readonly committedPosition: number;
  /** Whether the projection has caught up with the log as it was at its start. */
  readonly caughtUp: boolean;
  /** Whether its last read or commit failed (it retries); `error` says why. */
  readonly failing: boolean;
  /** Failed attempts in a row; 0 while it works. */
  readonly consecutiveFailures: number;
  /** Seconds the oldest event not yet applied has waited since it was stored; 0 when caught up, null when unknown. */
  readonly lagSeconds: number | null;
  /** The greatest lag still ready (`READY_MAX_LAG_SECONDS`). */
  readonly maxLagSeconds: number;
  /** Whether its read model did not load and is being rebuilt into a fresh generation; `error` says why. */
  readonly restoring: boolean;
  /** Why it is failing, is being rebuilt, or why the lag could not be read. */
  readonly error?: string;
};

/**
 * `GET /health/ready`'s view of the KPI projection: ready once it has caught up with the log as it was at start, and
 * then while its reads and commits succeed and it lags at most `maxLagSeconds` behind the store (architecture.md,
 * guarantee 8: a projection that fails or falls behind must not look ready). The lag costs one one-event read.
 */
export class KpiProjectionReadiness implements ReadinessCheck {
  readonly name = 'kpiProjection';

  constructor(
    private readonly projection: Pick<KpiProjection, 'isCaughtUp' | 'failure' | 'view' | 'restoringBecause' | 'committedPosition'>,
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly clock: Clock,
    private readonly maxLagSeconds: number,
  ) {}

  async check(): Promise<KpiProjectionStatus> {
    const restoring = this.projection.restoringBecause;
    if (restoring !== null) {
      const error = `the KPI read model did not load and is being rebuilt: ${restoring}`;
      return { ready: false, position: 0, committedPosition: 0, caughtUp: false, failing: false, consecutiveFailures: 0, lagSeconds: null, maxLagSeconds: this.maxLagSeconds, restoring: true, error };
    }
    const position = this.projection.view().position;
    const caughtUp = this.projection.isCaughtUp;
    const failure = this.projection.failure;
    const lag = await this.lagSeconds(position);
    const ready = caughtUp && failure === null && lag.seconds !== null && lag.seconds <= this.maxLagSeconds;
    const error = failure?.error ?? lag.error;
    return {
      ready,
      position,
      committedPosition: this.projection.committedPosition,
      caughtUp,
      failing: failure !== null,
      consecutiveFailures: failure?.consecutive ?? 0,
      lagSeconds: lag.seconds,
      maxLagSeconds: this.maxLagSeconds,
      restoring: false,
      ...(error === undefined ? {} : { error }),
    };
  }

  /** Now minus the `recordedAt` of the event after `applied`: one read of at most one event. */
  private async lagSeconds(applied: number): Promise<{ seconds: number | null; error?: string }> {
    try {
      const [oldestPending] = await this.store.readAll(applied, 1);
      if (oldestPending === undefined) return { seconds: 0 };
      const head = oldestPending.position;
      return { seconds: projectionLag({ head, applied, oldestPendingRecordedAt: oldestPending.recordedAt, now: this.clock.now() }).seconds };
    } catch (error) {
      return { seconds: null, error: `the projection lag cannot be read: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}
