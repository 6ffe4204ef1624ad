import { ProblemException } from '@customs-pulse/http';

import { KpiQueryError } from '../../engine/kpi-query-error.js';
import { KpiProjectionRestoringError } from '../../projection/kpi-projection-restoring-error.js';
import { KpiReadModelUnavailableError } from '../../read-model/read-model-unavailable-error.js';

/** How long a client is asked to wait while the read model is rebuilt: a rebuild takes seconds to minutes. */
const RESTORING_RETRY_AFTER_SECONDS = 5;
/** How long a client is asked to wait when the read model's database did not answer, or a swap dropped what it read. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

/** The OpenAPI problem response of every endpoint run through {@link answeringKpiQuery}, besides its own. */
export const RESTORING_RESPONSE = {
  503: 'The KPI read model did not load and is being rebuilt, or its database did not answer; `Retry-After` says when to ask again',
} as const;

/**
 * Runs a KPI query, answering what the engine refuses (a filter the KPI does not slice by) with 400: the request is
 * wrong, not the server; and 503 with `Retry-After` while the read model is being rebuilt because it did not load, or
 * when a read of its cold state found its database unavailable (a gateway's read of a generation a swap dropped).
 */
export async function answeringKpiQuery<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof KpiQueryError) throw new ProblemException(400, error.message, [{ path: 'query', message: error.message }]);
    if (error instanceof KpiProjectionRestoringError) throw new ProblemException(503, error.message, undefined, RESTORING_RETRY_AFTER_SECONDS);
    if (error instanceof KpiReadModelUnavailableError) throw new ProblemException(503, error.message, undefined, UNAVAILABLE_RETRY_AFTER_SECONDS);
    throw error;
  }
}
