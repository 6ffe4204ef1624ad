import { type KpiReadModel, type KpiReadModelHistory, type MirroredKpiReadModel } from '../read-model.port.js';
import { type KpiReadModelGeneration, type KpiReadModelGenerations } from '../read-model-generations.port.js';

/**
 * Generations for a mirror: a process that answers KPI queries from the read model another process writes (a
 * distributed gateway, of the projector's active generation), mirrored by its commits (`KpiMirror`). It writes and
 * rebuilds nothing, so it locks nothing; a swap of the writer's generation is the mirror's to follow.
 */
export class MirroringGenerations implements KpiReadModelGenerations {
  /** It writes no generation, so it cannot rebuild one that does not load: the projector does, and it follows. */
  readonly restoredBy = 'following';
  private generation = 0;

  /**
   * @param mirrored - the writer's active read model, as the mirror reads it.
   * @param activeHistory - the history of the writer's active generation, where questions asOf a past time start.
   */
  constructor(
    private readonly mirrored: MirroredKpiReadModel,
    private readonly activeHistory?: { current(): Promise<KpiReadModelHistory | null>; close(): Promise<void> },
  ) {}

  history(): Promise<KpiReadModelHistory | null> {
    return this.activeHistory?.current() ?? Promise.resolve(null);
  }

  async active(): Promise<KpiReadModelGeneration> {
    this.generation += 1;
    return { generation: this.generation, readModel: mirrorOnly(this.mirrored) };
  }

  async fresh(): Promise<KpiReadModelGeneration> {
    throw new Error('a KPI mirror rebuilds nothing: the projector does, and the mirror loads the generation it swaps in');
  }

  async activate(generation: number): Promise<void> {
    if (generation < 1 || generation > this.generation) throw new RangeError(`generation ${generation} was not handed out`);
  }

  async close(): Promise<void> {
    await this.mirrored.close();
    await this.activeHistory?.close();
  }
}

/** The mirrored read model as a generation's: a projection mirrors it (`mirrored`), and never commits to it. */
function mirrorOnly(mirrored: MirroredKpiReadModel): KpiReadModel {
  return {
    mirrored,
    load: (hot) => mirrored.load(hot),
    commit: async () => {
      throw new Error('a mirrored KPI read model is written by its projector only');
    },
    // Closed with the generations: the mirror reads it across the writer's swaps.
    close: async () => undefined,
  };
}
