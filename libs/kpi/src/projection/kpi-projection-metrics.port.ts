import { type HeldSubjectsFigures } from '../engine/kpi-engine.js';

/** Dependency-injection token for the {@link KpiProjectionMetrics} port. */
export const KPI_PROJECTION_METRICS = Symbol('KpiProjectionMetrics');

/**
 * Where the KPI projection reports its figures for operations (`GET /metrics`). Positions are read when metrics are
 * scraped, through {@link KpiProjectionMetrics.follow}; the calls on the projection's path only add to counters in
 * memory: an adapter must never throw, wait or slow a commit. Without an adapter, {@link SILENT_KPI_PROJECTION_METRICS}.
 */
export interface KpiProjectionMetrics {
  /**
   * How to read the position the live projection has applied (the `position` queries answer with); read again at
   * each scrape, so it follows a rebuild's swap. Called once, when the projection has started.
   */
  follow(appliedPosition: () => number): void;
  /**
   * How to read what the live projection's engine holds in memory (null while there is none): read at each scrape.
   * Called once, with {@link KpiProjectionMetrics.follow}.
   */
  followMemory(held: () => HeldSubjectsFigures | null): void;
  /** A read model commit (one batch's effect with its checkpoint, live or rebuilding) took `seconds`. */
  committed(seconds: number): void;
  /** The notifier failed to publish a committed batch's changed values (its observers are told all the same). */
  notifierFailed(): void;
  /** A commit observer failed on a committed batch (the observers after it are told all the same). */
  commitObserverFailed(): void;
  /** A rebuild began filling a fresh read model generation. */
  rebuildStarted(): void;
  /** A rebuilt generation was made the active one. */
  rebuildSwapped(): void;
  /**
   * A projector's read of the log or commit failed, the `consecutive`-th in a row (it retries); 0 when an attempt
   * succeeded again after failures, or when a rebuild ended. `projector` says whose: the live projection's, or a
   * rebuild's (until it is swapped in and becomes the live one), so that neither reads as the other.
   */
  projectionFailures(consecutive: number, projector: ProjectorRole): void;
}

/** Which projector a figure is about: the one queries answer from, or a rebuild filling a fresh generation. */
export type ProjectorRole = 'live' | 'rebuild';

/** Reports nothing: for an app or a test that exposes no metrics. */
export const SILENT_KPI_PROJECTION_METRICS: KpiProjectionMetrics = {
  follow: () => undefined,
  followMemory: () => undefined,
  committed: () => undefined,
  notifierFailed: () => undefined,
  commitObserverFailed: () => undefined,
  rebuildStarted: () => undefined,
  rebuildSwapped: () => undefined,
  projectionFailures: () => undefined,
};
