import { setTimeout as delay } from 'node:timers/promises';
import { abortableDelay } from './abortable-delay.js';
import { type BackoffSchedule, backoffDelays } from './backoff-schedule.js';

/** Options of {@link retrying}. */
export interface RetryingOptions {
  /** Which failures are worth another attempt; any other is thrown at once. */
  readonly retryable: (error: unknown) => boolean;
  /** Attempts in all, the first included; the last failure is thrown. `Infinity`: until success or `signal`. */
  readonly attempts: number;
  /** Waits between attempts. */
  readonly backoff: BackoffSchedule;
  /** Ends the retrying: a wait in progress ends at once, and the next failure is thrown. */
  readonly signal?: AbortSignal;
  /** Told of each failure that is about to be tried again, and how long the wait is: to log it. */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** Runs `request` until it succeeds, a failure is not `retryable`, `attempts` are spent, or `signal` aborts. */
export async function retrying<T>(request: () => Promise<T>, { retryable, attempts, backoff, signal, onRetry }: RetryingOptions): Promise<T> {
  const delays = backoffDelays(backoff);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await request();
    } catch (error) {
      if (!retryable(error) || attempt >= attempts || signal?.aborted) throw error;
      const delayMs = delays.next().value;
      onRetry?.(error, attempt, delayMs);
      await (signal ? abortableDelay(delayMs, signal) : delay(delayMs));
    }
  }
}
