import type { FigureTable, SuiteReport } from '../harness/bench-suite.js';
import { median } from '../harness/measure.js';
import type { SizeFigures, Timings } from './history-measure.js';
import type { LoopDelay, MemoryFigure } from './history-messages.js';
import type { HistoryWorkload } from './history-workload.js';

const MIB = 2 ** 20;
/** The goals of issue 14 (and issue 16's item 6 for the reports), in the units measured. */
const GOALS = { heapGrowth: 1.25, startToReadySeconds: 5, asOfP95Seconds: 1, loopP99Ms: 50, rebuildEventsPerSecond: 45_000, reportSeconds: 2 };

/** The goal table (today against each goal) and the figures at each size. */
export function historyReport(workload: HistoryWorkload, sizes: readonly SizeFigures[], environment: readonly string[]): SuiteReport {
  const first = sizes[0]!;
  const last = sizes[sizes.length - 1]!;
  const heapGrowth = last.restart.memory.heapUsed / first.restart.memory.heapUsed;
  const slowestStart = Math.max(...sizes.map((size) => size.restart.startToReadySeconds));
  const asOfP95 = Math.max(percentile(last.asOf.current, 95), percentile(last.asOf.daySeries, 95));
  const loopP99 = Math.max(...sizes.flatMap((size) => [size.rebuild.loop.p99, size.asOf.loop.p99]));
  const slowestRebuild = Math.min(...sizes.map((size) => size.rebuild.eventsPerSecond));
  const yearly = last;
  const goals: FigureTable = {
    columns: ['goal', 'figure', 'today', 'met'],
    rows: [
      row('heap at 4× the history', `within ${GOALS.heapGrowth}× of the heap at 1×`, `${heapGrowth.toFixed(2)}× (${mib(first.restart.memory.heapUsed)} at 1×, ${mib(last.restart.memory.heapUsed)} at 4×)`, heapGrowth <= GOALS.heapGrowth),
      row('start to ready', `≤ ${GOALS.startToReadySeconds} s at every size`, sizes.map((size) => seconds(size.restart.startToReadySeconds)).join(', '), slowestStart <= GOALS.startToReadySeconds),
      row('`asOf` p95 (current, a day hourly), at 4×', `≤ ${GOALS.asOfP95Seconds} s`, `${seconds(percentile(last.asOf.current, 95))}, ${seconds(percentile(last.asOf.daySeries, 95))}`, asOfP95 <= GOALS.asOfP95Seconds),
      row('event-loop delay p99 during replays (rebuild, asOf)', `≤ ${GOALS.loopP99Ms} ms`, sizes.map((size) => `${ms(size.rebuild.loop.p99)}, ${ms(size.asOf.loop.p99)}`).join('; '), loopP99 <= GOALS.loopP99Ms),
      row('rebuild from SQLite', `≥ ${GOALS.rebuildEventsPerSecond.toLocaleString('en-US')} events/s`, sizes.map((size) => rate(size.rebuild.eventsPerSecond)).join(', '), slowestRebuild >= GOALS.rebuildEventsPerSecond),
      row(`TRS report over ${days(yearly.period)} (issue 16)`, `≤ ${GOALS.reportSeconds} s`, `${seconds(median(yearly.trs))}; asOf ${seconds(median(yearly.trsAsOf))}`, Math.max(median(yearly.trs), median(yearly.trsAsOf)) <= GOALS.reportSeconds),
      row(`PMM report over ${days(yearly.period)} (issue 16)`, `≤ ${GOALS.reportSeconds} s`, `${seconds(median(yearly.pmm))}; asOf ${seconds(median(yearly.pmmAsOf))}`, Math.max(median(yearly.pmm), median(yearly.pmmAsOf)) <= GOALS.reportSeconds),
    ],
  };
  const perSize: FigureTable = {
    columns: ['measurement', ...sizes.map((size, index) => `${2 ** index}×: ${size.events.toLocaleString('en-US')} events`)],
    rows: [
      ['event times', ...sizes.map((size) => `${size.store.firstTime.slice(0, 10)} to ${size.store.lastTime.slice(0, 10)}`)],
      ['first start: catch-up to ready', ...sizes.map((size) => `${seconds(size.catchUp.seconds)} (${size.catchUp.fromZero ? 'from 0: no read model in the data folder' : 'from the read models an earlier run left'})`)],
      ['heap / RSS after that catch-up', ...sizes.map((size) => memory(size.catchUp.memory))],
      ['event-loop delay p99 / max during that catch-up (from listening)', ...sizes.map((size) => loop(size.catchUp.loop))],
      ['rebuild (`POST /api/kpis/rebuild`)', ...sizes.map((size) => `${seconds(size.rebuild.seconds)}, ${rate(size.rebuild.eventsPerSecond)} events/s`)],
      ['event-loop delay p99 / max during the rebuild', ...sizes.map((size) => loop(size.rebuild.loop))],
      ['restart at the head: start to ready', ...sizes.map((size) => `${seconds(size.restart.startToReadySeconds)} (+ ${seconds(size.restart.loadSeconds)} loading the code)`)],
      ['heap / RSS after the restart', ...sizes.map((size) => memory(size.restart.memory))],
      [`\`GET /api/kpis/current?asOf=T\` p50 / p95 (${sizes[0]!.asOf.current.length} random T)`, ...sizes.map((size) => spread(size.asOf.current))],
      ['a day\'s hourly series asOf T, p50 / p95', ...sizes.map((size) => spread(size.asOf.daySeries))],
      ['event-loop delay p99 / max during asOf', ...sizes.map((size) => loop(size.asOf.loop))],
      ['heap / RSS after the asOf questions', ...sizes.map((size) => memory(size.asOf.memoryAfter))],
      ['a year\'s series at day granularity (median of 3)', ...sizes.map((size) => seconds(median(size.yearSeries)))],
      ['TRS report over the generated period (median of 3)', ...sizes.map((size) => `${seconds(median(size.trs))} (${days(size.period)})`)],
      ['PMM report over the generated period (median of 3)', ...sizes.map((size) => seconds(median(size.pmm)))],
      ['TRS / PMM report asOf the last event time, after a question at the first', ...sizes.map((size) => `${seconds(median(size.trsAsOf))} / ${seconds(median(size.pmmAsOf))}`)],
    ],
  };
  const missed = goals.rows.filter((cells) => cells[3] !== 'yes').map((cells) => cells[0]!);
  return {
    tables: [goals, perSize],
    environment,
    notes: [
      ...(missed.length > 0 ? [`GOAL MISSED (see the analyses below: the rebuild is bound by the read model's rows, about 3.8 written per event): ${missed.join('; ')}.`] : []),
      `History: the simulator's traffic (libs/simulation \`TrafficSimulation\`, seed fixed, ${workload.offices} offices, every producer event type, declarations released, cancelled and rejected, seizures, audits and offence cases, late and duplicate sending) spread so that ${workload.events.toLocaleString('en-US')} stored events span about ${workload.days} days; validated as ingest validates when they are due (malformed copies dropped), appended straight into the SQLite event store with \`appendMany\` (one call per hour of simulated time, at most 5,000 events), each call's \`recordedAt\` a second after its last event was due, so that \`asOf\` T sees what had arrived by T. The sizes are the first quarter, half and all of one growing store.`,
      `Size: the issue asks for at least 10,000,000 events. On this machine (2 cores shared with other sessions) a start no longer replays the log and \`asOf\` replays at most an epoch, but generating the store, its first catch-up and each rebuild go through all of it (a rebuild here at 8,000 to 13,000 events/s, 13 to 21 minutes for 10 million; generating and the first catch-up as long again), so a 10-million store would take about an hour per size; the default 1,000,000 is what fits one session's budget. Set \`HISTORY_EVENTS\` for more.`,
      'The app: the standalone app (apps/standalone `StandaloneModule`, SQLite store and read models in the cache folder) in a process of its own, compiled by SWC at load; "start to ready" is from building the app (its code loaded) until `GET /health/ready` first answers 200, which needs the KPI projection caught up; loading and compiling the code is shown apart. Heap: `heapUsed` after two full collections in that process; RSS at the same moment. Event-loop delay: `monitorEventLoopDelay` (10 ms resolution) in the app process over the window named.',
      '`asOf`: T drawn at random (seeded) between the first and the last event time; each T asked once for current values, then for the 24 hourly buckets ending with T\'s hour (`release_time_mean`). p50 and p95 over the samples. Each T is answered from the last epoch of the read model history closed by then (`AS_OF_EPOCH_EVENTS`, default 10,000 events), its hot state loaded and the events after it replayed; the app keeps that engine for a later T in the same epoch. Year series: `release_time_mean` by day over the 365 days before the history\'s end. Reports: JSON, the whole generated period in whole UTC days (at 4×: the year).',
      'The machine has 2 cores shared with other sessions: figures move by 20 to 50 % between runs.',
    ],
  };
}

function row(goal: string, figure: string, today: string, met: boolean): string[] {
  return [goal, figure, today, met ? 'yes' : '**no**'];
}

/** The nearest-rank percentile of a few samples. */
export function percentile(values: Timings, p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function spread(values: Timings): string {
  return `${seconds(percentile(values, 50))} / ${seconds(percentile(values, 95))}`;
}

function seconds(value: number): string {
  return value < 10 ? `${value.toFixed(2)} s` : `${value.toFixed(1)} s`;
}

function ms(value: number): string {
  return `${Math.round(value).toLocaleString('en-US')} ms`;
}

function loop({ p99, max }: LoopDelay): string {
  return `${ms(p99)} / ${ms(max)}`;
}

function mib(bytes: number): string {
  return `${Math.round(bytes / MIB).toLocaleString('en-US')} MiB`;
}

function memory({ heapUsed, rss }: MemoryFigure): string {
  return `${mib(heapUsed)} / ${mib(rss)}`;
}

function rate(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function days({ from, to }: { readonly from: number; readonly to: number }): string {
  return `${Math.round((to - from) / 86_400_000)} days`;
}
