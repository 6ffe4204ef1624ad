import { setTimeout as delay } from 'node:timers/promises';
import { type BackoffSchedule, backoffDelays } from './backoff-schedule.js';

/** Options of {@link retrying}. */
export interface RetryingOptions {
  /** Which failures are worth another attempt; any other is thrown at once. */
  readonly retryable: (error: unknown) => boolean;
  /** Attempts in all, the first included; the last failure is thrown. */
  readonly attempts: number;
  /** Waits between attempts. */
  readonly backoff: BackoffSchedule;
}

/** Runs `request` until it succeeds, a failure is not `retryable`, or `attempts` are spent. */
export async function retrying<T>(request: () => Promise<T>, { retryable, attempts, backoff }: RetryingOptions): Promise<T> {
  const delays = backoffDelays(backoff);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await request();
    } catch (error) {
      if (!retryable(error) || attempt >= attempts) throw error;
      await delay(delays.next().value);
    }
  }
}
