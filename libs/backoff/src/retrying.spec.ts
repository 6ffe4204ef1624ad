import { describe, expect, it } from '@jest/globals';
import { retrying } from './retrying.js';

const NO_WAIT = { initialMs: 0, maxMs: 0, multiplier: 1 };

/** A request failing with `failures` in turn, then answering `answer`; counts its calls. */
function flaky(failures: Error[], answer = 'done') {
  const calls = { count: 0 };
  const request = async (): Promise<string> => {
    const failure = failures[calls.count++];
    if (failure !== undefined) throw failure;
    return answer;
  };
  return { request, calls };
}

const transient = (message: string): Error => Object.assign(new Error(message), { transient: true });
const isTransient = (error: unknown): boolean => (error as { transient?: boolean }).transient === true;

describe('retrying', () => {
  it('tries again after each retryable failure until the request succeeds', async () => {
    const { request, calls } = flaky([transient('busy'), transient('busy')]);
    await expect(retrying(request, { retryable: isTransient, attempts: 5, backoff: NO_WAIT })).resolves.toBe('done');
    expect(calls.count).toBe(3);
  });

  it('throws a failure that is not retryable at once', async () => {
    const { request, calls } = flaky([new Error('denied')]);
    await expect(retrying(request, { retryable: isTransient, attempts: 5, backoff: NO_WAIT })).rejects.toThrow('denied');
    expect(calls.count).toBe(1);
  });

  it('throws the last failure once every attempt is spent', async () => {
    const { request, calls } = flaky([transient('busy 1'), transient('busy 2'), transient('busy 3')]);
    await expect(retrying(request, { retryable: isTransient, attempts: 2, backoff: NO_WAIT })).rejects.toThrow('busy 2');
    expect(calls.count).toBe(2);
  });

  it('tells onRetry of each failure it tries again, with the attempt and the wait', async () => {
    const { request } = flaky([transient('busy 1'), transient('busy 2')]);
    const told: [string, number, number][] = [];
    const onRetry = (error: unknown, attempt: number, delayMs: number): void => void told.push([(error as Error).message, attempt, delayMs]);

    await retrying(request, { retryable: isTransient, attempts: Infinity, backoff: { initialMs: 1, maxMs: 2, multiplier: 2 }, onRetry });

    expect(told).toEqual([
      ['busy 1', 1, 1],
      ['busy 2', 2, 2],
    ]);
  });

  it('ends a wait at once when its signal aborts, and throws the next failure', async () => {
    const stop = new AbortController();
    const { request, calls } = flaky(Array.from({ length: 10 }, () => transient('down')));
    const started = performance.now();

    // Aborted as the first wait of a minute begins.
    const onRetry = (): void => stop.abort();

    const retried = retrying(request, { retryable: isTransient, attempts: Infinity, backoff: { initialMs: 60_000, maxMs: 60_000, multiplier: 1 }, signal: stop.signal, onRetry });

    await expect(retried).rejects.toThrow('down');
    expect(calls.count).toBe(2);
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});
