import { spawnSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';

import { type EventLoopStalls, probeEventLoop } from './event-loop-probe.js';

/**
 * Holds the event loop doing work, as a loop that forgot to yield does, until it has spent `ms` on the CPU: counted in
 * CPU time, not wall time, so that a scheduler that lets the process wait meanwhile does not shorten the work.
 */
function compute(ms: number): void {
  const cpuMs = (): number => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1_000;
  };
  const until = cpuMs() + ms;
  while (cpuMs() < until);
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
    // 300 ms of the process's CPU time, most of it the main thread's: the other threads' share (the collector's) can
    // bring the main thread's, and so the wall time, a little under it (297.8 ms once in CI).
    expect(stalls.longestStallMs).toBeGreaterThanOrEqual(250);
    expect(stalls.longestWallStallMs).toBeGreaterThanOrEqual(250);
  });

  it('does not count a stretch the process spends waiting, and still reports its wall time', async () => {
    const stalls = await stallsAround(() => sleep(300));

    expect(stalls.longestWallStallMs).toBeGreaterThanOrEqual(300);
    expect(stalls.longestStallMs).toBeLessThan(100);
  });
});
