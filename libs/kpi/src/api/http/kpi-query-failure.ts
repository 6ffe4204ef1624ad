import { ProblemException } from '@customs-pulse/http';

import { KpiQueryError } from '../../engine/kpi-query-error.js';

/**
 * Runs a KPI query, answering what the engine refuses (a filter the KPI does not slice by) with 400: the request is
 * wrong, not the server.
 */
export async function answeringKpiQuery<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof KpiQueryError) throw new ProblemException(400, error.message, [{ path: 'query', message: error.message }]);
    throw error;
  }
}
