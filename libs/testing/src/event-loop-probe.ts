import { performance } from 'node:perf_hooks';

/** What an {@link EventLoopProbe} saw of the event loop while it ran. */
export interface EventLoopStalls {
  /** How many times its timer ran: 0 when something held the event loop from start to stop. */
  readonly ticks: number;
  /** The longest time between two of its ticks (or between start or stop and the nearest tick), in milliseconds. */
  readonly longestStallMs: number;
}

export interface EventLoopProbe {
  /** Stops the probe's timer and says what it saw. */
  stop(): EventLoopStalls;
}

/**
 * A timer ticking every `intervalMs` that records how long the event loop left it waiting: the test of a loop that
 * must give the event loop turns (architecture.md, guarantee 7). `ticks` is the structural figure (a loop that never
 * yields lets none through); `longestStallMs` the timing one, noisy on a shared machine, so bound it loosely.
 */
export function probeEventLoop(intervalMs = 5): EventLoopProbe {
  let last = performance.now();
  let ticks = 0;
  let longestStallMs = 0;
  const mark = (): void => {
    const now = performance.now();
    longestStallMs = Math.max(longestStallMs, now - last);
    last = now;
  };
  const timer = setInterval(() => {
    ticks += 1;
    mark();
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      mark();
      return { ticks, longestStallMs };
    },
  };
}
