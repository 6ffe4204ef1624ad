import { median, type Rate } from '../harness/measure.js';

/**
 * Runs several measurements `repeats` times each, in turn: the first run of each, then the second of each, and so
 * on. A change in the machine's load, or in the size of a log that grows across runs, then falls on all of them
 * alike rather than on whichever ran last, which keeps their ratios meaningful on a busy machine.
 */
export async function interleaved<T>(repeats: number, measurements: readonly ((run: number) => Promise<T>)[]): Promise<T[][]> {
  const results = measurements.map((): T[] => []);
  for (let run = 0; run < repeats; run += 1) {
    for (const [index, measure] of measurements.entries()) results[index]!.push(await measure(run));
  }
  return results;
}

/** The runs' events per second as the harness reports them. */
export function rateOf(runs: readonly number[]): Rate {
  return { median: median(runs), runs };
}
