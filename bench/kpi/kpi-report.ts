import type { FigureTable, SuiteReport } from '../harness/bench-suite.js';
import { formatRate, formatSpread } from '../harness/measure.js';
import type { CpuProfileSummary, Hotspot } from './cpu-profile.js';
import type { ReplayRates } from './engine-replay.js';
import type { HistoryShape } from './history-shape.js';
import type { HistoryWorkload, KpiWorkload } from './kpi-workload.js';
import type { OpenDeclarationsHeap } from './open-declarations-memory.js';
import type { RebuildFigure } from './projector-rebuild.js';

export const REPLAY_GOAL = 200_000;
export const SQLITE_REBUILD_GOAL = 50_000;
/** The projector's default `batchSize` (kpi-projector.ts). */
export const DEFAULT_BATCH_SIZE = 500;

/** The rebuilds from one store, or why there are none. */
export type StoreRebuilds =
  | { readonly store: 'SQLite' | 'PostgreSQL'; readonly description: string; readonly figures: readonly RebuildFigure[] }
  | { readonly store: 'PostgreSQL'; readonly unreachable: string };

/** The replays of one history. */
export interface HistoryReplay {
  readonly history: HistoryWorkload;
  readonly shape: HistoryShape;
  readonly rates: ReplayRates;
}

export interface KpiFigures {
  readonly workload: KpiWorkload;
  /** The first history's is the one the stores were filled with. */
  readonly replays: readonly HistoryReplay[];
  readonly rebuilds: readonly StoreRebuilds[];
  readonly memory: OpenDeclarationsHeap;
  readonly replayProfile: CpuProfileSummary;
  readonly rebuildProfile: { readonly batchSize: number; readonly summary: CpuProfileSummary };
}

export function kpiReport(figures: KpiFigures): SuiteReport {
  const { replays, rebuilds, memory, workload } = figures;
  const rows: string[][] = replays.map(({ history, rates }) => [
    `engine replay, in memory (\`KpiEngine#apply\` only), ${history.name}`,
    formatRate(rates.wall.median),
    `${formatSpread(rates.wall)}; ${rates.wall.runs.map(formatRate).join(', ')}`,
    `${formatRate(rates.cpu.median)} (${rates.cpu.runs.map(formatRate).join(', ')})`,
    `>= ${formatRate(REPLAY_GOAL)}`,
    met(rates.wall.median >= REPLAY_GOAL),
  ]);
  for (const rebuild of rebuilds) {
    if ('unreachable' in rebuild) {
      rows.push([`full rebuild from ${rebuild.store}`, 'not measured', rebuild.unreachable, '', '', '']);
      continue;
    }
    for (const { batchSize, eventsPerSecond, eventsPerCpuSecond } of rebuild.figures) {
      const goal = rebuild.store === 'SQLite' ? SQLITE_REBUILD_GOAL : undefined;
      rows.push([
        `full rebuild from ${rebuild.store}, batchSize ${batchSize}${batchSize === DEFAULT_BATCH_SIZE ? ' (default)' : ''}`,
        formatRate(eventsPerSecond),
        'one run',
        formatRate(eventsPerCpuSecond),
        goal === undefined ? '' : `>= ${formatRate(goal)}`,
        goal === undefined ? '' : met(eventsPerSecond >= goal),
      ]);
    }
  }
  const rates: FigureTable = { columns: ['measurement', 'events/s', 'runs', 'events per CPU-second', 'goal', 'met'], rows };
  const heap: FigureTable = {
    columns: ['open declarations', 'engine heap', 'per declaration', 'per 100,000 declarations'],
    rows: [
      [
        memory.declarations.toLocaleString('en-US'),
        `${mib(memory.bytes)} MiB`,
        `${Math.round(memory.bytes / memory.declarations).toLocaleString('en-US')} bytes`,
        `${mib((memory.bytes / memory.declarations) * 100_000)} MiB`,
      ],
    ],
  };
  const replayLabel = `engine replay, ${replays[0]?.history.name ?? ''}`;
  const rebuildLabel = `rebuild from SQLite, batchSize ${figures.rebuildProfile.batchSize}`;
  return {
    tables: [
      rates,
      heap,
      profileTable('by area', figures.replayProfile.areas, figures.rebuildProfile.summary.areas, replayLabel, rebuildLabel),
      profileTable('functions, self time', figures.replayProfile.functions, figures.rebuildProfile.summary.functions, replayLabel, rebuildLabel),
    ],
    environment: rebuilds.map((rebuild) => ('unreachable' in rebuild ? `${rebuild.store}: unreachable` : rebuild.description)),
    notes: [
      ...goalMisses(figures),
      ...batchSizeNotes(rebuilds),
      ...replays.map(({ history, shape }) => historyNote(history, shape)),
      'Each history: `realisticHistory` (libs/testing) in chunks, each chunk three days after the previous one, subjects ' +
        'and event ids made unique per chunk, validated as ingest validates, in time order, cut to ' +
        `${workload.events.toLocaleString('en-US')} events. In memory, stored as ingest stores: one \`recordedAt\` per ` +
        'batch of 100, 1 to 60 s after its last event; each event decoded from JSON in log order, as a store hands a page ' +
        'over, so that its objects lie together in memory as on a replay from a store. Generating and appending are not ' +
        'timed.',
      `Engine replay: ${workload.replayRepeats} runs per history, each \`apply\` over the whole history on a fresh ` +
        'engine, then one query (the engine applies bucket changes when it is read); the median is quoted, and judged ' +
        'against the goal. Events per CPU-second: the same runs over the CPU time of this process, which other work on ' +
        'the machine disturbs less than the clock.',
      `Rebuild: the stores filled with the first history (\`appendMany\`, ${workload.appendBatch} events per call), ` +
        'then a `KpiProjector` from position 0 on a fresh SQLite read model (`SqliteKpiReadModel.open`, WAL, ' +
        'synced at checkpoints), timed from `start()` until `caughtUp`: reading the log in pages of `batchSize`, the engine, and ' +
        'the read-model commits of a catch-up (its default policy: the pages applied are committed together once they ' +
        'hold 50,000 events or 2 s have passed, and at the head). One run per batch size. CPU-seconds count this process only (engine, read model, SQLite, the ' +
        'PostgreSQL driver), not the PostgreSQL server.',
      'Memory: an engine given arrival, lodgement, lane and assessment of each declaration (none released), lodged over ' +
        'one day, each event parsed from JSON as a store hands it over; heap used (array buffers included) after full ' +
        "collections, minus the same before. Includes the buckets those declarations fill. `gc()` is enabled at run time " +
        "by the suite (V8's `--expose-gc` flag set with `v8.setFlagsFromString`), so the command needs no extra flag.",
      'Profiles: separate, untimed runs sampled by V8 every 1 ms (node:inspector); shares are of all samples, idle ' +
        'included. With tsx, functions are named by file only.',
      'The machine has 2 cores shared with other work (see the load average): figures move by 20 to 50 % between runs.',
    ],
  };
}

function historyNote(history: HistoryWorkload, shape: HistoryShape): string {
  return (
    `History "${history.name}": ${shape.events.toLocaleString('en-US')} events, ` +
    `${shape.declarations.toLocaleString('en-US')} declarations, ${shape.enforcementEvents.toLocaleString('en-US')} ` +
    `seizure, audit and offence events, event times ${shape.firstTime} to ${shape.lastTime} ` +
    `(${history.declarationsPerChunk.toLocaleString('en-US')} declarations per chunk of three days).`
  );
}

function goalMisses({ replays, rebuilds }: KpiFigures): string[] {
  const misses = replays
    .filter(({ rates }) => rates.wall.median < REPLAY_GOAL)
    .map(({ history, rates }) => `GOAL MISSED: engine replay, ${history.name}: ${formatRate(rates.wall.median)} < ${formatRate(REPLAY_GOAL)} events/s.`);
  for (const rebuild of rebuilds) {
    if ('unreachable' in rebuild || rebuild.store !== 'SQLite') continue;
    const best = Math.max(...rebuild.figures.map((figure) => figure.eventsPerSecond));
    if (best < SQLITE_REBUILD_GOAL) misses.push(`GOAL MISSED: rebuild from SQLite ${formatRate(best)} < ${formatRate(SQLITE_REBUILD_GOAL)} events/s at every batch size.`);
  }
  return misses;
}

/** How each larger batch size compares with the default. */
function batchSizeNotes(rebuilds: readonly StoreRebuilds[]): string[] {
  return rebuilds.flatMap((rebuild) => {
    if ('unreachable' in rebuild) return [];
    const base = rebuild.figures.find((figure) => figure.batchSize === DEFAULT_BATCH_SIZE);
    if (base === undefined) return [];
    const others = rebuild.figures
      .filter((figure) => figure !== base)
      .map((figure) => `${figure.batchSize}: ${signedPercent(figure.eventsPerSecond / base.eventsPerSecond - 1)}`);
    return others.length === 0 ? [] : [`Rebuild from ${rebuild.store}, against the default batchSize ${DEFAULT_BATCH_SIZE}: ${others.join(', ')}.`];
  });
}

function profileTable(
  title: string,
  replay: readonly Hotspot[],
  rebuild: readonly Hotspot[],
  replayLabel: string,
  rebuildLabel: string,
): FigureTable {
  const rows: string[][] = [];
  for (let index = 0; index < Math.max(replay.length, rebuild.length); index += 1) {
    rows.push([hotspot(replay[index]), hotspot(rebuild[index])]);
  }
  return { columns: [`${replayLabel}: ${title}`, `${rebuildLabel}: ${title}`], rows };
}

function hotspot(spot: Hotspot | undefined): string {
  return spot === undefined ? '' : `${(spot.share * 100).toFixed(1)} % ${spot.name}`;
}

function met(yes: boolean): string {
  return yes ? 'yes' : '**no**';
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}

function signedPercent(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${Math.round(fraction * 100)} %`;
}
