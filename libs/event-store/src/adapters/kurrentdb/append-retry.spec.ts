import { describe, expect, it } from '@jest/globals';
import { AppendConsistencyViolationError, StreamNotFoundError, UnavailableError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError } from '../../errors.js';
import { afterFailedAppend, DEFAULT_APPEND_RETRY, type AppendRetryPolicy } from './append-retry.js';

const lostRace = new WrongExpectedVersionError(undefined, { streamName: 'p.log', expected: 4n, current: 6n });
const noJitter: AppendRetryPolicy = { ...DEFAULT_APPEND_RETRY, random: () => 0.999_999 };

describe('afterFailedAppend', () => {
  it('plans again after a lost race for the log, waiting longer each time up to the cap', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => afterFailedAppend(lostRace, attempt, noJitter));

    expect(waits.map((next) => (next.kind === 'plan-again' ? next.delayMs : next.kind))).toEqual([4, 9, 19, 39, 79, 159, 249, 249]);
  });

  it('spreads the waits of writers that collided, so that they do not collide again in step', () => {
    const next = afterFailedAppend(lostRace, 5, { ...DEFAULT_APPEND_RETRY, random: () => 0.25 });

    expect(next).toEqual({ kind: 'plan-again', delayMs: 20 });
  });

  it('plans again after a violated consistency check too', () => {
    const violation = new AppendConsistencyViolationError(undefined as never, { violationsList: [] });

    expect(afterFailedAppend(violation, 1).kind).toBe('plan-again');
  });

  it('reports the store unavailable once the race was lost maxAttempts times', () => {
    const next = afterFailedAppend(lostRace, 30, DEFAULT_APPEND_RETRY);

    expect(next.kind).toBe('fail');
    expect(next.kind === 'fail' && next.error).toBeInstanceOf(EventStoreUnavailableError);
    expect(next.kind === 'fail' && (next.error as Error).message).toContain('lost the race for the log 30 times');
  });

  it('does not retry a server out of reach itself: the append may have been stored, the caller retries', () => {
    const next = afterFailedAppend(new UnavailableError(undefined, 'connection refused'), 1);

    expect(next.kind === 'fail' && next.error).toBeInstanceOf(EventStoreUnavailableError);
  });

  it('passes any other failure through unchanged', () => {
    const failure = new StreamNotFoundError(undefined, 'p.log');

    expect(afterFailedAppend(failure, 1)).toEqual({ kind: 'fail', error: failure });
  });
});
