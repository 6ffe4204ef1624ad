import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import type { AdapterOutcome } from './adapter-figures.js';
import { measureRawBaseline } from './raw-baseline.js';
import { SqliteRawBaseline } from './sqlite-raw-baseline.js';
import { measureStore } from './store-workload.js';
import type { Workload } from './workload.js';

/** The SQLite adapter on a fresh file in a temporary folder, then better-sqlite3 alone on the same rows. */
export async function measureSqlite(workload: Workload, progress: (line: string) => void): Promise<AdapterOutcome> {
  const folder = mkdtempSync(join(tmpdir(), 'customs-pulse-bench-'));
  const store = SqliteEventStore.open({ file: join(folder, 'events.sqlite') });
  const raw = new SqliteRawBaseline(join(folder, 'raw.sqlite'));
  try {
    const ours = await measureStore(store, workload, progress);
    const rawFigures = await measureRawBaseline(raw, store, workload, progress);
    const environment = [`SQLite: ${raw.version()} (WAL, synchronous=FULL, files under ${tmpdir()})`];
    return { adapter: 'SQLite', ours, raw: rawFigures, environment };
  } finally {
    raw.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
