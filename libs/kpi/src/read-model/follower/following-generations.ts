import { type KpiReadModelHistory, type KpiReadModelState } from '../read-model.port.js';
import { type KpiReadModelGeneration, type KpiReadModelGenerations } from '../read-model-generations.port.js';
import { CheckpointOnlyReadModel } from './checkpoint-only-read-model.js';

/**
 * Generations for a follower: a process that answers KPI queries from its own engine without writing any read model
 * (a distributed gateway). It starts from the projector's active generation, read without the projector's lease,
 * and from there follows the log in memory. A rebuild replays in memory too. Nothing is stored, so nothing is locked.
 */
export class FollowingGenerations implements KpiReadModelGenerations {
  /** It writes no generation, so it cannot rebuild one that does not load: the projector does, and it follows. */
  readonly restoredBy = 'following';
  private generation = 0;

  /**
   * @param loadActiveState - reads the projector's active generation: its checkpoint and the state stored with it.
   * @param activeHistory - the history of the projector's active generation, where questions asOf a past time start.
   */
  constructor(
    private readonly loadActiveState: () => Promise<KpiReadModelState>,
    private readonly activeHistory?: { current(): Promise<KpiReadModelHistory | null>; close(): Promise<void> },
  ) {}

  history(): Promise<KpiReadModelHistory | null> {
    return this.activeHistory?.current() ?? Promise.resolve(null);
  }

  async active(): Promise<KpiReadModelGeneration> {
    this.generation += 1;
    return { generation: this.generation, readModel: new CheckpointOnlyReadModel(await this.loadActiveState()) };
  }

  async fresh(): Promise<KpiReadModelGeneration> {
    this.generation += 1;
    return { generation: this.generation, readModel: new CheckpointOnlyReadModel({ checkpoint: 0, snapshot: null }) };
  }

  async activate(generation: number): Promise<void> {
    if (generation < 1 || generation > this.generation) throw new RangeError(`generation ${generation} was not handed out`);
  }

  async close(): Promise<void> {
    await this.activeHistory?.close();
  }
}
