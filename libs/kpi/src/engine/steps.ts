/**
 * Work done a step at a time: a generator that yields between two steps and returns the result. A caller that must
 * not hold the event loop for long (architecture.md, guarantee 7) gives it a turn between two steps when one is due
 * (`EventLoopTurns.complete`); the engine itself knows nothing of scheduling. What the steps read must not change
 * until the generator has returned.
 */
export type Steps<T> = Generator<void, T, undefined>;

/** Runs every step at once: the result, with no turn given. */
export function allSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}
