import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type GrownStore, growHistoryStore } from './history-store.js';
import type { HistoryTrafficOptions } from './history-traffic.js';

/**
 * The standalone app's data folder for the first `size` events of one growing store: `cacheDir/store` is grown to
 * `size` (the sizes asked in increasing order grow the same store) and its file copied to `cacheDir/at-<size>`, where
 * the app then keeps its read models. A later run finds the copy and neither generates nor appends again.
 */
export async function historyDataDir(
  cacheDir: string,
  generator: HistoryTrafficOptions,
  size: number,
  progress: (line: string) => void,
): Promise<{ readonly dataDir: string; readonly store: GrownStore }> {
  const dataDir = join(cacheDir, `at-${size}`);
  const marker = join(dataDir, 'bench-history-store.json');
  const wanted = JSON.stringify(generator);
  if (existsSync(marker)) {
    const cached = JSON.parse(readFileSync(marker, 'utf8')) as { generator: string; store: GrownStore };
    if (cached.generator === wanted) return { dataDir, store: { ...cached.store, fillSeconds: 0 } };
  }
  const store = await growHistoryStore(join(cacheDir, 'store'), generator, size, progress);
  if (store.head !== size) throw new Error(`${join(cacheDir, 'store')} already holds ${store.head} events, more than ${size}: remove ${cacheDir}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  // The store was closed: its WAL is checkpointed into the one file.
  copyFileSync(join(cacheDir, 'store', 'events.sqlite'), join(dataDir, 'events.sqlite'));
  writeFileSync(marker, `${JSON.stringify({ generator: wanted, store }, null, 2)}\n`);
  return { dataDir, store };
}
