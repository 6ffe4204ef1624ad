import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';

import { toStreamWrites } from '../event-store/clearance-event-generator.js';
import { type HistoryTrafficOptions, historyTraffic } from './history-traffic.js';

/** What the cache folder holds, so that a later run grows the same store rather than another one. */
interface Manifest {
  readonly generator: HistoryTrafficOptions;
  /** Valid events of the generator's stream already given to the store (duplicates included). */
  readonly consumed: number;
  readonly head: number;
  /** `time` of the first and the last event stored. */
  readonly firstTime: string | null;
  readonly lastTime: string | null;
}

/** The cached store after growing: its head and the span of its event times. */
export interface GrownStore {
  readonly head: number;
  readonly firstTime: string;
  readonly lastTime: string;
  /** Seconds spent generating and appending in this run (0 when the cache already held enough). */
  readonly fillSeconds: number;
}

/**
 * Grows the SQLite event store `dataDir/events.sqlite` (as the standalone app keeps it) to `target` events, with the
 * simulator's traffic appended straight through the adapter's `appendMany`, each batch with the `recordedAt` ingest
 * would have given it. A store made by other generator options is discarded, with the app's files beside it.
 */
export async function growHistoryStore(
  dataDir: string,
  generator: HistoryTrafficOptions,
  target: number,
  progress: (line: string) => void,
): Promise<GrownStore> {
  const manifestFile = join(dataDir, 'bench-history.json');
  let manifest = readManifest(manifestFile);
  if (manifest !== null && JSON.stringify(manifest.generator) !== JSON.stringify(generator)) {
    progress(`the cached store in ${dataDir} was made with other options: discarded`);
    manifest = null;
  }
  if (manifest === null) {
    rmSync(dataDir, { recursive: true, force: true });
    manifest = { generator, consumed: 0, head: 0, firstTime: null, lastTime: null };
  }
  mkdirSync(dataDir, { recursive: true });
  let recordedAt = 0;
  const store = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite'), clock: { now: () => new Date(recordedAt) } });
  const started = process.hrtime.bigint();
  try {
    const stored = (await store.head()).position;
    if (stored !== manifest.head) throw new Error(`${dataDir}/events.sqlite holds ${stored} events, its manifest says ${manifest.head}: remove the folder`);
    let { consumed, head, firstTime, lastTime } = manifest;
    if (head < target) progress(`growing the store from ${head.toLocaleString('en-US')} to ${target.toLocaleString('en-US')} events`);
    let seen = 0;
    for (const batch of historyTraffic(generator)) {
      if (head >= target) break;
      const skip = Math.max(0, Math.min(batch.events.length, consumed - seen));
      seen += batch.events.length;
      if (skip === batch.events.length) continue;
      const events = batch.events.slice(skip, skip + (target - head));
      recordedAt = batch.recordedAt;
      await store.appendMany(toStreamWrites(events));
      consumed += events.length;
      const before = head;
      head = (await store.head()).position;
      firstTime ??= events[0]!.time;
      lastTime = events[events.length - 1]!.time;
      if (Math.floor(head / 100_000) > Math.floor(before / 100_000)) progress(`stored ${head.toLocaleString('en-US')} events (up to ${lastTime})`);
    }
    manifest = { generator, consumed, head, firstTime, lastTime };
    writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    if (head < target) throw new Error(`the generator ran out at ${head} events, short of ${target}: raise HISTORY_DAYS or lower HISTORY_EVENTS`);
    return { head, firstTime: firstTime!, lastTime: lastTime!, fillSeconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    await store.close();
  }
}

function readManifest(file: string): Manifest | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : null;
}
