import type { BackoffOptions } from './kafka-ingest-options.js';

/** The waits of a capped exponential backoff: `initialMs`, times `multiplier` each time, never above `maxMs`. */
export function* backoffDelays({ initialMs, maxMs, multiplier }: Required<BackoffOptions>): Generator<number, never> {
  let delay = Math.min(initialMs, maxMs);
  for (;;) {
    yield delay;
    delay = Math.min(delay * multiplier, maxMs);
  }
}

/** Resolves after `ms`, or at once when `signal` aborts (a shutdown must not wait out a backoff). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
