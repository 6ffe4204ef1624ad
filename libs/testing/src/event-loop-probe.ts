import { performance } from 'node:perf_hooks';

/** What an {@link EventLoopProbe} saw of the event loop while it ran. */
export interface EventLoopStalls {
  /** How many times its timer ran: 0 when something held the event loop from start to stop. */
  readonly ticks: number;
  /**
   * The longest time this process held the event loop between two of its ticks (or between start or stop and the
   * nearest tick), in milliseconds: the wall time, or the CPU time spent in it when that is less.
   */
  readonly longestStallMs: number;
  /** The longest wall time between two ticks, whatever held it: the figure an idle machine would give alone. */
  readonly longestWallStallMs: number;
}

export interface EventLoopProbe {
  /** Stops the probe's timer and says what it saw. */
  stop(): EventLoopStalls;
}

/**
 * The CPU time, in milliseconds, of the main thread where the runtime tells it (Node 23.9 on; the types are Node 20's),
 * else of the whole process: never less than the main thread's, so a stall it bounds is never made to look shorter than
 * the code made it. The clock the probe counts a stall's CPU time by.
 */
export const cpuTimeMs: () => number = (() => {
  const perThread = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.bind(process);
  const usage = perThread ?? (() => process.cpuUsage());
  return () => {
    const { user, system } = usage();
    return (user + system) / 1_000;
  };
})();

/**
 * A timer ticking every `intervalMs` that records how long the event loop left it waiting: the test of a loop that
 * must give the event loop turns (architecture.md, guarantee 7). `ticks` is the structural figure (a loop that never
 * yields lets none through); `longestStallMs` the timing one. A stall counts the CPU time spent in it when that is less
 * than the wall time: on a shared machine the scheduler can leave the process waiting a third of a second (313 ms in
 * CI, against a 200 ms bound), and that wait is the machine's, not a loop's that forgot to yield. A loop computing
 * without a turn spends the whole stall on the CPU, so it still shows; a synchronous wait on the disk (a file read, an
 * fsync) does not, so the tests that use it work in memory, and the benches measure the disk's part with the wall
 * clock (`longestWallStallMs` here). Bound it loosely all the same.
 */
export function probeEventLoop(intervalMs = 5): EventLoopProbe {
  let last = performance.now();
  let lastCpu = cpuTimeMs();
  let ticks = 0;
  let longestStallMs = 0;
  let longestWallStallMs = 0;
  const mark = (): void => {
    const [now, cpu] = [performance.now(), cpuTimeMs()];
    longestWallStallMs = Math.max(longestWallStallMs, now - last);
    longestStallMs = Math.max(longestStallMs, Math.min(now - last, cpu - lastCpu));
    [last, lastCpu] = [now, cpu];
  };
  const timer = setInterval(() => {
    ticks += 1;
    mark();
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      mark();
      return { ticks, longestStallMs, longestWallStallMs };
    },
  };
}
