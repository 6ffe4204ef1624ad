import type { EventStore } from '@customs-pulse/event-store';
import type { Rate } from '../harness/measure.js';
import type { RawFigures } from './adapter-figures.js';
import type { AppendFigures } from './append-schedule.js';
import type { RawTable } from './raw-table.js';
import { storedRows, type LogRow } from './store-workload.js';
import { eventsBeforeFill, type Workload } from './workload.js';

/** A driver used directly, without the store: what each adapter's raw baseline offers. */
export interface RawBaseline {
  replay(workload: Workload, rows: readonly LogRow[], table: RawTable, progress: (line: string) => void): Promise<AppendFigures>;
  scan(workload: Workload, progress: (line: string) => void): Promise<Rate>;
}

/** Replays the store's own rows into both raw tables, then scans the plain one. */
export async function measureRawBaseline(
  baseline: RawBaseline,
  store: EventStore,
  workload: Workload,
  progress: (line: string) => void,
): Promise<RawFigures> {
  const appends = await replayBoth(baseline, workload, await storedRows(store, workload.logEvents), progress);
  // The rows are no longer referenced here, so the scan, like readAll, runs without 200,000 rows held in memory.
  return { ...appends, scan: await baseline.scan(workload, progress) };
}

async function replayBoth(baseline: RawBaseline, workload: Workload, rows: readonly LogRow[], progress: (line: string) => void) {
  const plain = await baseline.replay(workload, rows, 'plain', progress);
  const indexed = await baseline.replay(workload, rows.slice(0, eventsBeforeFill(workload)), 'indexed', progress);
  return { plain, indexed };
}
