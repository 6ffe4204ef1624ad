import { Session } from 'node:inspector/promises';
import type { Profiler } from 'node:inspector';

/** A share of the samples of a profile. */
export interface Hotspot {
  readonly name: string;
  /** Fraction of all samples, in [0, 1]. */
  readonly share: number;
}

/** Where a profiled piece of work spent its time: by area of the code, and the functions with most self time. */
export interface CpuProfileSummary {
  readonly areas: readonly Hotspot[];
  readonly functions: readonly Hotspot[];
}

/** Samples `work` with V8's CPU profiler (1 ms interval) and summarizes where its time went. */
export async function profiled(work: () => Promise<void>): Promise<CpuProfileSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 1_000 });
    await session.post('Profiler.start');
    await work();
    const { profile } = await session.post('Profiler.stop');
    return summarize(profile);
  } finally {
    session.disconnect();
  }
}

function summarize(profile: Profiler.Profile): CpuProfileSummary {
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    total += hits;
    const { functionName, url } = node.callFrame;
    const area = areaOf(functionName, url);
    areas.set(area, (areas.get(area) ?? 0) + hits);
    const name = url === '' ? functionName : `${functionName || '(anonymous)'} (${shortPath(url)})`;
    functions.set(name, (functions.get(name) ?? 0) + hits);
  }
  const ranked = (counts: Map<string, number>, top: number): Hotspot[] =>
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, hits]) => ({ name, share: hits / total }));
  return { areas: ranked(areas, 12), functions: ranked(functions, 12) };
}

/** The part of the system a frame belongs to. */
function areaOf(functionName: string, url: string): string {
  if (url === '') {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(idle)') return 'idle (waiting for I/O)';
    return `native: ${functionName}`;
  }
  const areas: readonly (readonly [string, string])[] = [
    ['/libs/kpi/src/engine/', 'KPI engine'],
    ['/libs/kpi/src/sketch/', 'KPI engine (sketch)'],
    ['/libs/kpi/src/read-model/', 'KPI read model (SQLite writes, JSON)'],
    ['/libs/kpi/src/projector/', 'KPI projector'],
    ['/libs/event-store/', 'event store (reads, row decoding)'],
    ['/node_modules/better-sqlite3/', 'better-sqlite3'],
    ['/node_modules/pg', 'node-postgres'],
    ['node:', 'Node.js runtime'],
    ['/bench/', 'bench harness'],
  ];
  return areas.find(([marker]) => url.includes(marker))?.[1] ?? `other: ${shortPath(url)}`;
}

function shortPath(url: string): string {
  const marker = ['/libs/', '/node_modules/', '/bench/'].find((part) => url.includes(part));
  return marker === undefined ? url : url.slice(url.indexOf(marker) + 1);
}
