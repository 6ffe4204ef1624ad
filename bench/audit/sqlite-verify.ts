import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditWorkload } from './audit-workload.js';
import { fillLog } from './fill-log.js';
import { verifyFigures, type VerifyFigures } from './verify-figures.js';

/** The SQLite adapter on a fresh file in a temporary folder, removed afterwards. */
export async function measureSqliteVerify(
  workload: AuditWorkload,
  progress: (line: string) => void,
): Promise<{ figures: VerifyFigures; environment: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'customs-pulse-bench-audit-'));
  const file = join(folder, 'events.sqlite');
  const store = SqliteEventStore.open({ file });
  try {
    const fill = await fillLog(store, workload, progress);
    const figures = await verifyFigures(store, workload, fill, progress);
    const sizeMiB = statSync(file).size / 2 ** 20;
    return { figures, environment: `SQLite: WAL, synchronous=FULL, file under ${tmpdir()} (${sizeMiB.toFixed(0)} MiB for the log)` };
  } finally {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
