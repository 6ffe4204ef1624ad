/** A capped exponential backoff: wait `initialMs`, then `multiplier` times longer each time, never above `maxMs`. */
export interface BackoffSchedule {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly multiplier: number;
}

/** The successive waits of `schedule`, without end: a consumer that must not skip retries until it succeeds or stops. */
export function* backoffDelays({ initialMs, maxMs, multiplier }: BackoffSchedule): Generator<number, never> {
  let delay = Math.min(initialMs, maxMs);
  for (;;) {
    yield delay;
    delay = Math.min(delay * multiplier, maxMs);
  }
}
