/** Events per second of several runs of one measurement, and their median: what the report quotes. */
export interface Rate {
  readonly median: number;
  readonly runs: readonly number[];
}

/** Times `work`, which handles `events` events, on the monotonic clock. */
export async function eventsPerSecond(events: number, work: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  const elapsedNs = Number(process.hrtime.bigint() - start);
  return events / (elapsedNs / 1e9);
}

/** Runs `once` `repeats` times in a row; each run reports its own events per second. */
export async function repeated(repeats: number, once: (run: number) => Promise<number>): Promise<Rate> {
  const runs: number[] = [];
  for (let run = 0; run < repeats; run += 1) runs.push(await once(run));
  return { median: median(runs), runs };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `12,345` */
export function formatRate(eventsPerSecond: number): string {
  return Math.round(eventsPerSecond).toLocaleString('en-US');
}

/** The spread of the runs around their median, e.g. `±3%`: how far to trust the median. */
export function formatSpread(rate: Rate): string {
  const widest = Math.max(...rate.runs.map((run) => Math.abs(run - rate.median)));
  return `±${Math.round((widest / rate.median) * 100)}%`;
}
