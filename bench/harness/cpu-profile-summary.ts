import type { Profiler } from 'node:inspector';

/** A share of the samples of a profile. */
export interface Hotspot {
  readonly name: string;
  /** Fraction of all samples, in [0, 1]. */
  readonly share: number;
}

/** Parts of the code by a fragment of their scripts' URL; the first that matches names a frame's area. */
export type AreaMarkers = readonly (readonly [marker: string, area: string])[];

/** Where a profile's samples fell: self time by area and by function, each ranked, and the samples in all. */
export interface CpuProfileSummary {
  readonly areas: readonly Hotspot[];
  readonly functions: readonly Hotspot[];
  readonly totalSamples: number;
}

/** Self time of each sampled frame, summed by area (`areas`) and by function; the `top` of each, largest first. */
export function summarizeCpuProfile(
  profile: Profiler.Profile,
  areas: AreaMarkers,
  top: { readonly areas: number; readonly functions: number },
): CpuProfileSummary {
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    total += hits;
    const { functionName, url } = node.callFrame;
    const area = areaOf(functionName, url, areas);
    byArea.set(area, (byArea.get(area) ?? 0) + hits);
    const name = url === '' ? functionName : `${functionName || '(anonymous)'} (${shortPath(url)})`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
  }
  const ranked = (counts: Map<string, number>, count: number): Hotspot[] =>
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, hits]) => ({ name, share: hits / total }));
  return { areas: ranked(byArea, top.areas), functions: ranked(byFunction, top.functions), totalSamples: total };
}

function areaOf(functionName: string, url: string, areas: AreaMarkers): string {
  if (url === '') {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(idle)') return 'idle (waiting for I/O or timers)';
    return `native: ${functionName}`;
  }
  return areas.find(([marker]) => url.includes(marker))?.[1] ?? `other: ${shortPath(url)}`;
}

/** A script's URL from the repository's top folders on: `libs/...`, `node_modules/...`, `bench/...`. */
function shortPath(url: string): string {
  const marker = ['/libs/', '/node_modules/', '/bench/'].find((part) => url.includes(part));
  return marker === undefined ? url : url.slice(url.lastIndexOf(marker) + 1);
}
