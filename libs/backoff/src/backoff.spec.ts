import { describe, expect, it } from '@jest/globals';
import { abortableDelay } from './abortable-delay.js';
import { backoffDelays } from './backoff-schedule.js';

describe('backoffDelays', () => {
  it('grows by the multiplier from the initial wait and stays at the cap', () => {
    const delays = backoffDelays({ initialMs: 100, maxMs: 1_000, multiplier: 2 });

    expect(Array.from({ length: 7 }, () => delays.next().value)).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000]);
  });

  it('never starts above the cap', () => {
    expect(backoffDelays({ initialMs: 5_000, maxMs: 1_000, multiplier: 2 }).next().value).toBe(1_000);
  });
});

describe('abortableDelay', () => {
  it('ends early when its signal aborts', async () => {
    const stop = new AbortController();
    const started = Date.now();
    const sleeping = abortableDelay(60_000, stop.signal);

    stop.abort();
    await sleeping;

    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
