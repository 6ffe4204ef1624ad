import type { IntervalHistogram } from 'node:perf_hooks';
import type { LoopDelay } from './live-messages.js';

/** The histogram's p50, p99 and max in milliseconds (it records nanoseconds). */
export function loopDelayOf(histogram: IntervalHistogram): LoopDelay {
  const ms = (ns: number): number => (Number.isFinite(ns) ? ns / 1e6 : 0);
  return { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
}
