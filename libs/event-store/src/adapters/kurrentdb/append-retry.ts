import { backoffDelays, type BackoffSchedule } from '@customs-pulse/backoff';
import { EventStoreUnavailableError } from '../../errors.js';
import { asStoreError, isLostRace } from './kurrentdb-failures.js';

/** How an append that lost the race for the log's head tries again. */
export interface AppendRetryPolicy {
  /** Attempts at most, the first included, before the append is reported unavailable. @defaultValue 30 */
  readonly maxAttempts: number;
  /** Wait before the next attempt, before jitter. @defaultValue 5 ms doubling up to 250 ms */
  readonly backoff: BackoffSchedule;
  /** Jitter source in [0, 1): writers in several processes that collided must not collide again in step. */
  readonly random: () => number;
}

export const DEFAULT_APPEND_RETRY: AppendRetryPolicy = {
  maxAttempts: 30,
  backoff: { initialMs: 5, maxMs: 250, multiplier: 2 },
  random: Math.random,
};

/** What to do after attempt number `attempt` (1 for the first) of an append failed with `error`. */
export type AfterFailedAppend =
  /** The log moved on under the plan: read its new head and plan the whole append again after `delayMs`. */
  | { readonly kind: 'plan-again'; readonly delayMs: number }
  /** Report `error` to the caller. */
  | { readonly kind: 'fail'; readonly error: unknown };

/**
 * Only a lost race is retried here: nothing was stored, and planning again on the new head is always right (it may
 * now find the events stored, or the caller's expected revision stale). A transient failure is reported as
 * `EventStoreUnavailableError` instead: the append may or may not have been committed, and the caller's retry,
 * absorbed by dedupe, is the one that knows whether to wait.
 */
export function afterFailedAppend(error: unknown, attempt: number, policy: AppendRetryPolicy = DEFAULT_APPEND_RETRY): AfterFailedAppend {
  if (!isLostRace(error)) return { kind: 'fail', error: asStoreError(error, 'append') };
  if (attempt >= policy.maxAttempts) {
    return {
      kind: 'fail',
      error: new EventStoreUnavailableError(`KurrentDB event store: append lost the race for the log ${attempt} times; it may be retried`, { cause: error }),
    };
  }
  return { kind: 'plan-again', delayMs: Math.floor(policy.random() * nthDelay(policy.backoff, attempt)) };
}

function nthDelay(schedule: BackoffSchedule, attempt: number): number {
  const delays = backoffDelays(schedule);
  let delay = 0;
  for (let index = 0; index < attempt; index += 1) delay = delays.next().value;
  return delay;
}
