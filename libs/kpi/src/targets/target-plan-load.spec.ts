import { describe, expect, it } from '@jest/globals';

import { TargetPlanLoad } from './target-plan-load.js';

const NO_WAIT = { initialMs: 0, maxMs: 0, multiplier: 1 };

/** A journal whose loads fail with `failures` in turn, then succeed; counts them. */
function aJournal(failures: Error[]) {
  const journal = {
    loads: 0,
    loaded: false,
    async load(): Promise<void> {
      const failure = failures[journal.loads++];
      if (failure !== undefined) throw failure;
      journal.loaded = true;
    },
  };
  return journal;
}

describe('TargetPlanLoad', () => {
  it('does not retry a failure that is no store outage: it logs it as an error and reports it until a later load succeeds', async () => {
    const journal = aJournal([new Error('a target event that does not fold')]);
    const errors: string[] = [];
    const load = new TargetPlanLoad({ journal, logger: { warn: () => undefined, error: (message) => void errors.push(message) }, retryBackoff: NO_WAIT });

    await load.start();

    expect(journal.loads).toBe(1);
    expect(errors).toEqual(['reading the target plan failed, not retried until a target request: a target event that does not fold']);
    expect(load.failure).toEqual({ consecutive: 1, error: 'a target event that does not fold' });

    await journal.load(); // a target request's
    expect(load.failure).toBeNull();
    expect(load.loaded).toBe(true);
  });
});
