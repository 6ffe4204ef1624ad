import { describe, expect, it } from '@jest/globals';
import { ProblemException } from '@customs-pulse/http';

import { KpiQueryError } from '../../engine/kpi-query-error.js';
import { KpiProjectionRestoringError } from '../../projection/kpi-projection-restoring-error.js';
import { KpiReadModelUnavailableError } from '../../read-model/read-model-unavailable-error.js';
import { answeringKpiQuery } from './kpi-query-failure.js';

/** What `answeringKpiQuery` turns `error` into. */
async function answerTo(error: Error): Promise<unknown> {
  return answeringKpiQuery(async () => {
    throw error;
  }).catch((thrown: unknown) => thrown);
}

describe('answeringKpiQuery', () => {
  it('answers a query the engine refuses with 400', async () => {
    const answer = await answerTo(new KpiQueryError('seizures_count is not sliced by regime'));

    expect(answer).toBeInstanceOf(ProblemException);
    expect((answer as ProblemException).getStatus()).toBe(400);
  });

  it('answers 503 while the read model is rebuilt, and when its database did not answer, each with when to ask again', async () => {
    const restoring = (await answerTo(new KpiProjectionRestoringError('a row does not decode'))) as ProblemException;
    const unavailable = (await answerTo(new KpiReadModelUnavailableError('the generation was dropped by a swap; retry'))) as ProblemException;

    expect([restoring.getStatus(), restoring.retryAfterSeconds]).toEqual([503, 5]);
    expect([unavailable.getStatus(), unavailable.retryAfterSeconds]).toEqual([503, 1]);
    expect(unavailable.message).toContain('dropped by a swap');
  });

  it('lets any other failure through', async () => {
    const failure = new Error('a bug');

    expect(await answerTo(failure)).toBe(failure);
  });
});
