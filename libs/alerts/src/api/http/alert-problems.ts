import { ProblemException } from '@customs-pulse/http';

import { AlertNotOpenError, ConcurrentAlertChangeError, InvalidThresholdsError, UnknownAlertError } from '../../lifecycle/alert-errors.js';

/**
 * Runs an alert command, answering what the lifecycle refuses as problem details: an unknown alert 404, an alert
 * that is not open or a concurrent change 409, invalid thresholds 400 naming each field.
 */
export async function answeringAlertCommand<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UnknownAlertError) throw new ProblemException(404, error.message);
    if (error instanceof AlertNotOpenError || error instanceof ConcurrentAlertChangeError) throw new ProblemException(409, error.message);
    if (error instanceof InvalidThresholdsError) throw new ProblemException(400, error.message, error.problems);
    throw error;
  }
}
