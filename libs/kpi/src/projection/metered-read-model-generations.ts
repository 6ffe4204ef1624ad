import { type KpiReadModel } from '../read-model/read-model.port.js';
import { type KpiReadModelGeneration, type KpiReadModelGenerations } from '../read-model/read-model-generations.port.js';
import { type KpiProjectionMetrics } from './kpi-projection-metrics.port.js';

/**
 * `generations` telling `metrics` how long each read model commit takes and when a rebuild starts (a fresh
 * generation) and is swapped in (one activated). Measured around the ports the projection already uses, so the
 * projector's loop carries no metrics code.
 */
export function meteredReadModelGenerations(generations: KpiReadModelGenerations, metrics: KpiProjectionMetrics): KpiReadModelGenerations {
  const metered = ({ generation, readModel }: KpiReadModelGeneration): KpiReadModelGeneration => ({
    generation,
    readModel: timedCommits(readModel, metrics),
  });
  return {
    ...(generations.restoredBy === undefined ? {} : { restoredBy: generations.restoredBy }),
    ...(generations.history === undefined ? {} : { history: () => generations.history!() }),
    active: async () => metered(await generations.active()),
    fresh: async () => {
      const generation = metered(await generations.fresh());
      metrics.rebuildStarted();
      return generation;
    },
    activate: async (generation) => {
      await generations.activate(generation);
      metrics.rebuildSwapped();
    },
    close: () => generations.close(),
  };
}

/** A failed commit is not timed: it is retried, and the attempt that stores the batch is the one measured. */
function timedCommits(readModel: KpiReadModel, metrics: KpiProjectionMetrics): KpiReadModel {
  return {
    load: (hot) => readModel.load(hot),
    ...(readModel.cold === undefined ? {} : { cold: readModel.cold }),
    ...(readModel.history === undefined ? {} : { history: readModel.history }),
    ...(readModel.mirrored === undefined ? {} : { mirrored: readModel.mirrored }),
    commit: async (change) => {
      const started = performance.now();
      await readModel.commit(change);
      metrics.committed((performance.now() - started) / 1000);
    },
    close: () => readModel.close(),
  };
}
