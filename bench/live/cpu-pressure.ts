import { readFileSync } from 'node:fs';

/**
 * Linux's CPU pressure stall counter (`/proc/pressure/cpu`, "some"): microseconds during which at least one runnable
 * task waited for a CPU. Over a window it says how contended the machine was, whoever contended it. Null without PSI.
 */
export function cpuStallMicroseconds(): number | null {
  try {
    const some = readFileSync('/proc/pressure/cpu', 'utf8')
      .split('\n')
      .find((line) => line.startsWith('some '));
    const total = some?.match(/total=(\d+)/)?.[1];
    return total === undefined ? null : Number(total);
  } catch {
    return null;
  }
}
