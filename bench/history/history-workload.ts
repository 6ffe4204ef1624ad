import { resolve } from 'node:path';
import type { HistoryTrafficOptions } from './history-traffic.js';

/** What the history suite generates and measures; every field can be set from the environment (README, "Bench"). */
export interface HistoryWorkload {
  /** Events of the largest store (4×); it is measured at a quarter, a half and all of it. `HISTORY_EVENTS` */
  readonly events: number;
  /** Days of simulated history the largest store spans: its events are spread over them. `HISTORY_DAYS` */
  readonly days: number;
  /** Customs offices simulated. `HISTORY_OFFICES` */
  readonly offices: number;
  /** Random instants asked per `asOf` question and size. `HISTORY_ASOF_SAMPLES` */
  readonly asOfSamples: number;
  /** Where the generated store and the app's read models are kept between runs. `HISTORY_CACHE` */
  readonly cacheDir: string;
}

/** The generator's fixed inputs: the same ones give the same events, so a cached store can be grown further. */
export const HISTORY_SEED = 20_261_206;
/** Live traffic would begin here; the history lies in the `days` before it. */
export const HISTORY_END = Date.UTC(2026, 10, 1);

/**
 * Defaults: 1,000,000 events over 365 days (about 2,700 events, 440 declarations a day, 8 offices), measured at
 * 250,000, 500,000 and 1,000,000. The issue asks for 10 million; on this machine (2 shared cores) that would take
 * hours per size with today's code (asOf replays the whole log, start-up replays it too), so the default is what
 * fits in one session; set HISTORY_EVENTS=10000000 on a quiet machine.
 */
export function historyWorkload(env: NodeJS.ProcessEnv = process.env): HistoryWorkload {
  return {
    events: whole(env, 'HISTORY_EVENTS', 1_000_000, 4_000),
    days: whole(env, 'HISTORY_DAYS', 365, 1),
    offices: whole(env, 'HISTORY_OFFICES', 8, 1),
    asOfSamples: whole(env, 'HISTORY_ASOF_SAMPLES', 5, 1),
    cacheDir: resolve(env.HISTORY_CACHE ?? '.cache/bench-history'),
  };
}

/** The sizes measured: a quarter, a half and all of `events`. */
export function historySizes(workload: HistoryWorkload): readonly number[] {
  return [Math.round(workload.events / 4), Math.round(workload.events / 2), workload.events];
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < minimum) throw new RangeError(`${name} must be a whole number >= ${minimum}, got ${JSON.stringify(text)}`);
  return value;
}

/** The generator's options for `workload`: the largest size sets the daily density. */
export function historyGenerator(workload: HistoryWorkload): HistoryTrafficOptions {
  return { seed: HISTORY_SEED, end: HISTORY_END, days: workload.days, offices: workload.offices, events: workload.events };
}
