import { KpiEngine } from '@customs-pulse/kpi';

import { type Rate, median } from '../harness/measure.js';
import type { HistoryEvent } from './kpi-history.js';

/** The replay rate by the clock, and per second of this process's CPU time, which others sharing the machine disturb less. */
export interface ReplayRates {
  readonly wall: Rate;
  readonly cpu: Rate;
}

/**
 * `KpiEngine#apply` alone over the history held in memory, in log order, each run on a fresh engine. The clock stops
 * after a query, so that work the engine defers until it is read (pending bucket groups) is counted too.
 */
export function engineReplayRates(history: readonly HistoryEvent[], repeats: number): ReplayRates {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < repeats; run += 1) {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    replay(history);
    const { user, system } = process.cpuUsage(cpuStart);
    wall.push(history.length / (Number(process.hrtime.bigint() - start) / 1e9));
    cpu.push(history.length / ((user + system) / 1e6));
  }
  return { wall: { median: median(wall), runs: wall }, cpu: { median: median(cpu), runs: cpu } };
}

/** One replay on a fresh engine, read once at the end. */
export function replay(history: readonly HistoryEvent[]): KpiEngine {
  const engine = new KpiEngine();
  for (let index = 0; index < history.length; index += 1) engine.apply(history[index]!);
  engine.current('backlog', history.at(-1)?.time ?? new Date(0).toISOString());
  return engine;
}
