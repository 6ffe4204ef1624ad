import { median } from '../harness/measure.js';
import type { LiveScenario } from './live-workload.js';
import type { LiveRun } from './scenario-run.js';

/** The runs of one scenario, and the unreported profiled run if it had one. */
export interface ScenarioResults {
  readonly scenario: LiveScenario;
  readonly runs: readonly LiveRun[];
  readonly profiled: LiveRun | null;
}

/** One figure over a scenario's runs: its median and range (runs without the figure left out). */
export interface AcrossRuns {
  readonly median: number;
  readonly low: number;
  readonly high: number;
  /** Runs that had the figure. */
  readonly runs: number;
}

export function acrossRuns(runs: readonly LiveRun[], pick: (run: LiveRun) => number): AcrossRuns {
  const values = runs.map(pick).filter((value) => Number.isFinite(value));
  if (values.length === 0) return { median: Number.NaN, low: Number.NaN, high: Number.NaN, runs: 0 };
  return { median: median(values), low: Math.min(...values), high: Math.max(...values), runs: values.length };
}

/** `344 (310 to 420)` in ms, `n/a` when no run had it; one run gives the bare figure. */
export function formatMs(figure: AcrossRuns, digits = 0): string {
  if (figure.runs === 0) return 'n/a';
  const ms = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return figure.low === figure.high ? ms(figure.median) : `${ms(figure.median)} (${ms(figure.low)} to ${ms(figure.high)})`;
}

/** `5,000` */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}

/** Whether a scenario met its goal: the busy room's p99 under the goal in every run; null if it has none. */
export function goalMet(results: ScenarioResults): boolean | null {
  const goal = results.scenario.goalP99Ms;
  if (goal === undefined) return null;
  return results.runs.length > 0 && results.runs.every((run) => run.latencies.watched.p99 < goal);
}
