import { describe, expect, it } from '@jest/globals';

import { type ColdState, type KpiReadModel, type KpiReadModelCommit } from '../read-model/read-model.port.js';
import { type KpiReadModelGenerations } from '../read-model/read-model-generations.port.js';
import { type KpiProjectionMetrics } from './kpi-projection-metrics.port.js';
import { meteredReadModelGenerations } from './metered-read-model-generations.js';

/** Generations in memory whose read models fail their first `failingCommits` commits. */
function someGenerations(failingCommits = 0): KpiReadModelGenerations & { commits: KpiReadModelCommit[]; activated: number[] } {
  let failures = failingCommits;
  let next = 1;
  const commits: KpiReadModelCommit[] = [];
  const activated: number[] = [];
  const readModel: KpiReadModel = {
    load: async (hot) => ({ checkpoint: hot === undefined ? 0 : hot.recentSince, snapshot: null }),
    cold: someColdState,
    commit: async (change) => {
      if (failures-- > 0) throw new Error('database is locked');
      commits.push(change);
    },
    close: async () => undefined,
  };
  return {
    commits,
    activated,
    active: async () => ({ generation: 1, readModel }),
    fresh: async () => ({ generation: (next += 1), readModel }),
    activate: async (generation) => void activated.push(generation),
    close: async () => undefined,
  };
}

const someColdState: ColdState = {
  subjects: async () => ({ declarations: [], cases: [] }),
  releasedIn: async function* () {},
  longestReleasedIn: async function* () {},
  bucketsNamed: async () => [],
  bucketsBetween: async () => [],
};

function recordingMetrics(): KpiProjectionMetrics & { told: string[] } {
  const told: string[] = [];
  return {
    told,
    follow: () => undefined,
    followMemory: () => undefined,
    committed: (seconds) => told.push(seconds >= 0 ? 'committed' : 'negative duration'),
    rebuildStarted: () => told.push('rebuild started'),
    notifierFailed: () => told.push('notifier failed'),
    commitObserverFailed: () => told.push('commit observer failed'),
    rebuildSwapped: () => told.push('rebuild swapped'),
    projectionFailures: () => undefined,
  };
}

const aCommit = (checkpoint: number): KpiReadModelCommit => ({ expectedCheckpoint: checkpoint - 1, checkpoint, dirty: {} as KpiReadModelCommit['dirty'] });

describe('meteredReadModelGenerations', () => {
  it('times each commit that stores its batch, passing it through unchanged; a failed attempt is not timed', async () => {
    const generations = someGenerations(1);
    const metrics = recordingMetrics();
    const { readModel } = await meteredReadModelGenerations(generations, metrics).active();

    await expect(readModel.commit(aCommit(1))).rejects.toThrow('database is locked');
    await readModel.commit(aCommit(1));

    expect(generations.commits).toEqual([aCommit(1)]);
    expect(metrics.told).toEqual(['committed']);
  });

  it('tells of a rebuild when a fresh generation is made and when one is activated, whose commits are timed too', async () => {
    const generations = someGenerations();
    const metrics = recordingMetrics();
    const metered = meteredReadModelGenerations(generations, metrics);

    const fresh = await metered.fresh();
    await fresh.readModel.commit(aCommit(1));
    await metered.activate(fresh.generation);

    expect(generations.activated).toEqual([2]);
    expect(metrics.told).toEqual(['rebuild started', 'committed', 'rebuild swapped']);
  });
  it("passes a load's hot selection through and hands out the read model's cold subjects", async () => {
    const { readModel } = await meteredReadModelGenerations(someGenerations(), recordingMetrics()).active();

    expect(await readModel.load({ openMaxDays: 30, recentSince: 17 })).toEqual({ checkpoint: 17, snapshot: null });
    expect(readModel.cold).toBe(someColdState);
  });
});
