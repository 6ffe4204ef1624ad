import { abortableDelay } from '@customs-pulse/backoff';
import { lookupsFor, planAppend, prepareWrites, type AppendPlan } from '../../append-plan.js';
import type { StreamWrite } from '../../event-store.port.js';
import { EventStoreUnavailableError } from '../../errors.js';
import { afterFailedAppend, type AppendRetryPolicy } from './append-retry.js';
import { appendRequests } from './kurrentdb-append-requests.js';
import { KURRENTDB_LIMITS } from './kurrentdb-limits.js';
import type { KurrentDbConnection } from './kurrentdb-connection.js';
import type { KurrentDbStreamNames } from './kurrentdb-stream-names.js';
import { readAppendState } from './read-append-state.js';

export interface KurrentDbAppendContext {
  readonly connection: KurrentDbConnection;
  readonly names: KurrentDbStreamNames;
  readonly now: () => Date;
  readonly retry: AppendRetryPolicy;
  /** Cuts a wait between attempts short when the store closes. */
  readonly closed: AbortSignal;
}

/**
 * Appends a batch of stream writes as one multi-stream append: read the state, plan (dedupe, concurrency checks,
 * positions, hash chain, recordedAt), write under the expectation that the log is still at the head the plan was
 * made on. Losing that race stores nothing, so the whole plan is made again on the new head (append-retry.ts).
 * Canonical JSON and content hashes are computed once, before the first attempt.
 */
export async function appendToKurrentDbLog(context: KurrentDbAppendContext, writes: readonly StreamWrite[]): Promise<AppendPlan> {
  const { connection, names } = context;
  const prepared = prepareWrites(writes, KURRENTDB_LIMITS);
  for (let attempt = 1; ; attempt += 1) {
    const state = await readAppendState(connection, names, lookupsFor(writes, prepared), context.now());
    const plan = planAppend(writes, state, prepared);
    if (plan.rows.length === 0) return plan;
    try {
      await connection.multiStreamAppend(appendRequests(plan.rows, names));
      return plan;
    } catch (error) {
      const next = afterFailedAppend(error, attempt, context.retry);
      if (next.kind === 'fail') throw next.error;
      await abortableDelay(next.delayMs, context.closed);
      if (context.closed.aborted) throw new EventStoreUnavailableError('KurrentDB event store closed while an append waited to try again');
    }
  }
}
