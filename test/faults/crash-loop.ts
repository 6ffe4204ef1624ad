import { abortableDelay } from '@customs-pulse/backoff';
import { type AppProcess, type SeededRandom } from '@customs-pulse/testing';

/** How long one killed process took to come back, in milliseconds from its SIGKILL. */
export interface Recovery {
  readonly process: string;
  /** To the restarted process answering `GET /health/ready` with 200. */
  readonly readyMs: number;
  /** To what recovery means for its kind beyond readiness (the projector: caught up with the log); `readyMs` when nothing. */
  readonly recoveredMs: number;
}

export interface CrashLoopOptions {
  /** The processes of one kind; each round kills one of them, drawn at random. */
  readonly targets: readonly AppProcess[];
  readonly rounds: number;
  /** Draws the pauses and targets: one generator per loop, so that loops running side by side do not share draws. */
  readonly random: SeededRandom;
  /** Bounds of the pause before each kill, in milliseconds: the moment of the kill is drawn between them. */
  readonly pauseMs: readonly [number, number];
  /** Resolves once a restarted process has recovered beyond readiness (e.g. caught up with the log). */
  readonly recovered?: (app: AppProcess) => Promise<void>;
  /** Stops the loop before its next kill (another loop failed, or the test is over). */
  readonly signal: AbortSignal;
}

/**
 * SIGKILLs a process of one kind at a random moment, restarts it at once as an orchestrator would, waits until it has
 * recovered, and does it again, `rounds` times. Rejects, with the process's last output, when one does not come back.
 */
export async function crashRepeatedly({ targets, rounds, random, pauseMs, recovered, signal }: CrashLoopOptions): Promise<Recovery[]> {
  const recoveries: Recovery[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    // The moment of the kill is the schedule under test, not a wait for something to happen.
    await abortableDelay(random.uniform(pauseMs[0], pauseMs[1]), signal);
    if (signal.aborted) break;
    const app = random.pick(targets);
    const killedAt = performance.now();
    await app.kill();
    await app.start();
    const readyMs = performance.now() - killedAt;
    await recovered?.(app);
    recoveries.push({ process: app.name, readyMs, recoveredMs: performance.now() - killedAt });
  }
  return recoveries;
}

/** The median (by nearest rank) and the greatest of a list of durations. */
export function p50AndMax(milliseconds: readonly number[]): { readonly p50: number; readonly max: number } {
  const sorted = [...milliseconds].sort((a, b) => a - b);
  if (sorted.length === 0) throw new Error('no recovery was measured');
  return { p50: sorted[Math.ceil(sorted.length / 2) - 1]!, max: sorted.at(-1)! };
}
