import { type KpiEngineSnapshot } from '../engine/engine-snapshot.js';

/** Dependency-injection token for the {@link KpiReadModel} port. */
export const KPI_READ_MODEL = Symbol('KpiReadModel');

/** What a read model holds: the projector's checkpoint and, once anything was committed, the engine's state. */
export interface KpiReadModelState {
  /** Position of the last event whose effect is stored; 0 before the first commit. */
  readonly checkpoint: number;
  /** The engine's state, for `KpiEngine.fromJSON`; `null` before the first commit. */
  readonly snapshot: KpiEngineSnapshot | null;
}

/** One batch's effect, stored together with the checkpoint it brings the projection to. */
export interface KpiReadModelCommit {
  /** The checkpoint the projector last loaded or committed: the compare in compare-and-set. */
  readonly expectedCheckpoint: number;
  /** Position of the batch's last event; greater than `expectedCheckpoint`. */
  readonly checkpoint: number;
  /** `KpiEngine.drainDirty()`: declarations, cases and buckets written over by key, quality counters whole. */
  readonly dirty: KpiEngineSnapshot;
}

/**
 * Where the KPI projector keeps the engine's state and its checkpoint (architecture.md, guarantee 3). State and
 * checkpoint change in one transaction, and only from the checkpoint the writer expects, so an event's effect is
 * stored exactly once even when a projector crashes or a second one runs by mistake.
 */
export interface KpiReadModel {
  /** The checkpoint and the state stored with it. */
  load(): Promise<KpiReadModelState>;

  /**
   * Writes `dirty` and moves the checkpoint to `checkpoint`, in one transaction.
   * @throws StaleCheckpointError when the stored checkpoint is not `expectedCheckpoint`; nothing is written.
   * @throws RangeError when `checkpoint` is not after `expectedCheckpoint`.
   */
  commit(change: KpiReadModelCommit): Promise<void>;

  /** Releases the connection. */
  close(): Promise<void>;
}
