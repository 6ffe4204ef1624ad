import type { BenchSuite } from '../harness/bench-suite.js';
import { profiled } from './cpu-profile.js';
import { engineReplayRates, replay } from './engine-replay.js';
import { historyShape } from './history-shape.js';
import { type HistoryEvent, kpiHistory } from './kpi-history.js';
import { type HistoryReplay, type StoreRebuilds, kpiReport } from './kpi-report.js';
import { type HistoryWorkload, KPI_WORKLOAD } from './kpi-workload.js';
import { openDeclarationsHeap } from './open-declarations-memory.js';
import { type RebuildFigure, fillStore, rebuildRate } from './projector-rebuild.js';
import { type BenchStore, openPostgresStore, openSqliteStore } from './rebuild-stores.js';

/**
 * The KPI engine's replay rate over 1,000,000 events, full rebuilds through the projector from SQLite and from
 * PostgreSQL at several batch sizes, and the engine's heap per open declaration, with CPU profiles of the replay and
 * of a rebuild.
 */
export const kpiSuite: BenchSuite = {
  name: 'kpi',
  title: 'KPI engine replay, full rebuilds from SQLite and PostgreSQL, engine memory per open declaration',
  async run(progress) {
    const workload = KPI_WORKLOAD;
    progress(`memory of ${workload.openDeclarations.toLocaleString('en-US')} open declarations`);
    const memory = openDeclarationsHeap(workload.openDeclarations);

    const [primary, ...others] = workload.histories;
    let history: HistoryEvent[] | null = generated(primary, workload.events, progress);
    const replays = [replayed(primary, history, workload.replayRepeats, progress)];
    const profiledHistory = history;
    const replayProfile = await profiled(async () => void replay(profiledHistory));

    const stores: BenchStore[] = [];
    try {
      const sqlite = openSqliteStore();
      stores.push(sqlite);
      const postgres = await openPostgresStore();
      if ('unreachable' in postgres) progress(`!!! ${postgres.unreachable}`);
      else stores.push(postgres);
      for (const { name, store } of stores) {
        progress(`filling the ${name} store (untimed)`);
        await fillStore(store, history, workload.appendBatch, (line) => progress(`${name}: ${line}`));
      }
      // The other histories and the rebuilds run without this one on the heap.
      history = null;
      for (const other of others) replays.push(replayed(other, generated(other, workload.events, progress), workload.replayRepeats, progress));

      const rebuilds: StoreRebuilds[] = [];
      for (const { name, store, description } of stores) {
        const figures: RebuildFigure[] = [];
        for (const batchSize of name === 'SQLite' ? workload.sqliteBatchSizes : workload.postgresBatchSizes) {
          const figure = await rebuildRate(store, workload.events, batchSize, (line) => progress(`${name}: ${line}`));
          progress(`rebuild from ${name}, batchSize ${batchSize}: ${Math.round(figure.eventsPerSecond)} events/s`);
          figures.push(figure);
        }
        rebuilds.push({ store: name, description, figures });
      }
      if ('unreachable' in postgres) rebuilds.push({ store: 'PostgreSQL', unreachable: postgres.unreachable });

      const batchSize = workload.sqliteBatchSizes[0]!;
      progress(`profiling a rebuild from SQLite, batchSize ${batchSize} (untimed)`);
      const summary = await profiled(async () => void (await rebuildRate(sqlite.store, workload.events, batchSize, progress)));
      return kpiReport({ workload, replays, rebuilds, memory, replayProfile, rebuildProfile: { batchSize, summary } });
    } finally {
      for (const store of stores) await store.dispose();
    }
  },
};

function generated(history: HistoryWorkload, events: number, progress: (line: string) => void): HistoryEvent[] {
  progress(`generating ${events.toLocaleString('en-US')} events over ${history.name} (untimed)`);
  return kpiHistory(history, events);
}

function replayed(history: HistoryWorkload, events: readonly HistoryEvent[], repeats: number, progress: (line: string) => void): HistoryReplay {
  progress(`engine replay, ${history.name}`);
  const rates = engineReplayRates(events, repeats);
  progress(`engine replay: ${rates.wall.runs.map(Math.round).join(', ')} events/s`);
  return { history, shape: historyShape(events), rates };
}
