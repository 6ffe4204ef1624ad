import { type KpiReadModel, type KpiReadModelHistory } from './read-model.port.js';

/** Dependency-injection token for the {@link KpiReadModelGenerations} port. */
export const KPI_READ_MODEL_GENERATIONS = Symbol('KpiReadModelGenerations');

/** A read model of one generation: the live one, or a fresh one a rebuild fills. */
export interface KpiReadModelGeneration {
  /** 1 for the first read model ever made; each fresh generation takes the next number. */
  readonly generation: number;
  readonly readModel: KpiReadModel;
}

/**
 * The read models a projection owns, one of them active: what makes "rebuild and swap" (issue 5) safe. A rebuild
 * fills a fresh generation from position 0 while the active one goes on serving, then {@link activate}s it in one
 * atomic step, so a reader or a restart sees either the old generation or the new one, never a half-built one.
 *
 * Opening an adapter takes the projection's lease: while one process holds it, another gets
 * `KpiProjectionLeaseHeldError`, so two projectors never write the same read model and a rebuild never deletes a
 * generation another process is writing.
 */
export interface KpiReadModelGenerations {
  /**
   * How a projection whose active generation does not load gets one that does: `'rebuilding'` it into a fresh
   * generation itself (a projector, which holds the lease), or `'following'` the projector, which rebuilds and
   * activates it (a follower, which writes nothing). @defaultValue 'rebuilding'
   */
  readonly restoredBy?: 'rebuilding' | 'following';

  /**
   * The active generation, made empty as generation 1 when there is none yet. Generations that are neither active
   * nor handed out by {@link fresh} in this process (left over by a rebuild that crashed) are deleted first.
   */
  active(): Promise<KpiReadModelGeneration>;

  /** A new, empty generation numbered after every existing one; not active until {@link activate}d. */
  fresh(): Promise<KpiReadModelGeneration>;

  /**
   * Makes `generation` the active one, atomically, then deletes every older generation. The caller has stopped
   * writing to (and closed) the previously active read model.
   * @throws RangeError when `generation` was not made by {@link fresh} or {@link active}.
   */
  activate(generation: number): Promise<void>;

  /**
   * Where questions asOf a past time start (read-model.port.ts, KpiReadModelHistory), for generations whose read
   * models keep no history of their own: a follower's, which reads the projector's active generation. Absent where each
   * generation's read model has its own `history`. Asked once per question: the generation may have changed.
   */
  history?(): Promise<KpiReadModelHistory | null>;

  /** Closes every read model handed out and releases the lease. */
  close(): Promise<void>;
}

/** Another process holds the projection's lease: a second projector, or a rebuild run next to a running app. */
export class KpiProjectionLeaseHeldError extends Error {
  override readonly name = 'KpiProjectionLeaseHeldError';

  constructor(readonly where: string) {
    super(`another process is projecting KPIs into ${where}; stop it first, or rebuild through it (POST /api/kpis/rebuild)`);
  }
}
