import { type HotSelection, type KpiReadModel, type KpiReadModelCommit, type KpiReadModelState } from '../read-model.port.js';
import { StaleCheckpointError, assertCheckpointAdvances } from '../stale-checkpoint-error.js';

/**
 * A read model that keeps nothing but its checkpoint: for a follower, whose engine in memory is all the state it
 * needs. It starts from a state loaded elsewhere (the projector's active generation) and checks commits exactly as a
 * stored read model would, so a projector bug shows up here too.
 */
export class CheckpointOnlyReadModel implements KpiReadModel {
  private checkpoint: number;
  private initial: KpiReadModelState | null;

  constructor(initial: KpiReadModelState) {
    this.checkpoint = initial.checkpoint;
    this.initial = initial;
  }

  /**
   * The state it was made with, once: the snapshot is handed over, not kept. All of it, whatever `_hot` asks: with
   * no {@link KpiReadModel.cold} to read the rest back from, the follower's engine keeps every subject.
   */
  async load(_hot?: HotSelection): Promise<KpiReadModelState> {
    const state = this.initial ?? { checkpoint: this.checkpoint, snapshot: null };
    this.initial = null;
    return state;
  }

  async commit(change: KpiReadModelCommit): Promise<void> {
    assertCheckpointAdvances(change.expectedCheckpoint, change.checkpoint);
    if (change.expectedCheckpoint !== this.checkpoint) throw new StaleCheckpointError(change.expectedCheckpoint, this.checkpoint);
    this.checkpoint = change.checkpoint;
  }

  async close(): Promise<void> {}
}
