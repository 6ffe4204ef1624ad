import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from '@jest/globals';

import { cpuTimeMs, type EventLoopStalls, probeEventLoop } from './event-loop-probe.js';

/**
 * Holds the event loop doing work, as a loop that forgot to yield does, until it has spent `ms` both of wall time and
 * of CPU time by the probe's own clock. Either alone fell short in CI: a loop timed by the wall clock spends less on the
 * CPU when the scheduler lets the process wait, and one timed by the process's CPU time ended after 217 ms of the main
 * thread's, the collector's threads having spent the rest. With both, the stall's two figures are at least `ms`.
 */
function compute(ms: number): void {
  const [wallUntil, cpuUntil] = [performance.now() + ms, cpuTimeMs() + ms];
  while (performance.now() < wallUntil || cpuTimeMs() < cpuUntil);
}

/**
 * Holds the event loop for `ms` without running: the thread waits for a child that sleeps, as when the scheduler leaves
 * the process waiting. Not `Atomics.wait`, whose timed wait Debian's faketime (the suites' fixed hours) turns into a
 * loop that runs on the CPU the whole time.
 */
function sleep(ms: number): void {
  spawnSync('sleep', [String(ms / 1_000)]);
}

/** Lets the probe's timer tick once more, so that the stall just made ends at a tick of its own. */
function nextTick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

/** What a probe sees of `hold`, run between two ticks of its own. */
async function stallsAround(hold: () => void): Promise<EventLoopStalls> {
  const probe = probeEventLoop();
  await nextTick();
  hold();
  await nextTick();
  return probe.stop();
}

describe('probeEventLoop', () => {
  it('counts a stretch the process spends computing as a stall', async () => {
    const stalls = await stallsAround(() => compute(300));

    expect(stalls.ticks).toBeGreaterThanOrEqual(2);
    expect(stalls.longestStallMs).toBeGreaterThanOrEqual(300);
    expect(stalls.longestWallStallMs).toBeGreaterThanOrEqual(300);
  });

  it('does not count a stretch the process spends waiting, and still reports its wall time', async () => {
    const stalls = await stallsAround(() => sleep(300));

    expect(stalls.longestWallStallMs).toBeGreaterThanOrEqual(300);
    expect(stalls.longestStallMs).toBeLessThan(100);
  });
});
