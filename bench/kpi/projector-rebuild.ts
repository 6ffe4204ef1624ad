import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@customs-pulse/event-store';
import { KpiProjector } from '@customs-pulse/kpi';
import { SqliteKpiReadModel } from '@customs-pulse/kpi/sqlite';

import { toStreamWrites } from '../event-store/clearance-event-generator.js';
import type { HistoryEvent } from './kpi-history.js';

/** One timed rebuild. */
export interface RebuildFigure {
  readonly batchSize: number;
  readonly eventsPerSecond: number;
  /** Per second of this process's CPU time: the engine, the read model, SQLite itself; not a PostgreSQL server's. */
  readonly eventsPerCpuSecond: number;
}

/** Appends the history in batches of `batch` events (one write per declaration of a batch), as ingest would. */
export async function fillStore(
  store: EventStore,
  history: readonly HistoryEvent[],
  batch: number,
  progress: (line: string) => void,
): Promise<void> {
  for (let from = 0; from < history.length; from += batch) {
    // The store assigns positions and `recordedAt` itself: only what a producer sent is appended.
    const events = history.slice(from, from + batch).map(({ id, source, type, subject, time, data, extensions }) => ({
      id, source, type, subject, time, data, extensions,
    }));
    await store.appendMany(toStreamWrites(events));
    if ((from + batch) % 200_000 === 0) progress(`filled ${(from + batch).toLocaleString('en-US')} events`);
  }
  const head = await store.head();
  if (head.position !== history.length) throw new Error(`the store holds ${head.position} events, expected ${history.length}`);
}

/**
 * A `KpiProjector` from position 0 on a fresh SQLite read model (in its own temporary folder, removed afterwards),
 * timed from `start()` until `caughtUp`: reading the log, applying every event, and committing each batch.
 */
export async function rebuildRate(
  store: EventStore,
  events: number,
  batchSize: number,
  progress: (line: string) => void,
): Promise<RebuildFigure> {
  const folder = mkdtempSync(join(tmpdir(), 'customs-pulse-bench-kpi-'));
  const readModel = SqliteKpiReadModel.open({ file: join(folder, 'kpi.sqlite') });
  const projector = new KpiProjector({
    source: store,
    readModel,
    onChanges: () => undefined,
    logger: { warn: progress, error: progress },
    batchSize,
  });
  try {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    await projector.start();
    await projector.caughtUp;
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const { user, system } = process.cpuUsage(cpuStart);
    if (projector.position !== events) throw new Error(`rebuilt up to ${projector.position}, expected ${events}`);
    return { batchSize, eventsPerSecond: events / seconds, eventsPerCpuSecond: events / ((user + system) / 1e6) };
  } finally {
    await projector.stop();
    await readModel.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
