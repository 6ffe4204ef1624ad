import Database from 'better-sqlite3';
import type { BenchSuite } from '../harness/bench-suite.js';
import { type SizeFigures, measureSize } from './history-measure.js';
import { historyReport } from './history-report.js';
import { historyDataDir } from './history-snapshots.js';
import { historyGenerator, historySizes, historyWorkload } from './history-workload.js';

/**
 * Issue 14's bench ("Years, not days"), with issue 16's reports: a long simulated history grown into one SQLite
 * store, and the standalone app on it at a quarter, a half and all of it: memory, start to ready, asOf, a year's
 * series, event-loop delay, the rebuild rate, and the TRS and PMM reports.
 */
export const historySuite: BenchSuite = {
  name: 'history',
  title: 'History (issue 14): memory, start to ready, asOf, rebuild and the reports over a growing history',
  async run(progress) {
    const workload = historyWorkload();
    const generator = historyGenerator(workload);
    progress(`cache: ${workload.cacheDir}; sizes ${historySizes(workload).map((size) => size.toLocaleString('en-US')).join(', ')} over ${workload.days} days`);
    const figures: SizeFigures[] = [];
    for (const size of historySizes(workload)) {
      const { dataDir, store } = await historyDataDir(workload.cacheDir, generator, size, progress);
      if (store.fillSeconds > 0) progress(`generated and appended in ${store.fillSeconds.toFixed(0)} s`);
      figures.push(await measureSize(dataDir, store, workload.asOfSamples, progress));
    }
    const sqlite = (new Database(':memory:').prepare('select sqlite_version() as version').get() as { version: string }).version;
    return historyReport(workload, figures, [`SQLite: ${sqlite} (WAL; the event store synced at each commit, the KPI read model at checkpoints), files in ${workload.cacheDir}`]);
  },
};
