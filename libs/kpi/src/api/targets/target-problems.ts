import { ProblemException } from '@customs-pulse/http';

import { ConcurrentTargetChangeError, InvalidTargetError, UnknownTargetError } from './target-errors.js';

/** Runs a target command, answering what it refuses as problem details: 400 naming each problem, 404, 409. */
export async function answeringTargetCommand<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof InvalidTargetError) throw new ProblemException(400, error.message, error.problems);
    if (error instanceof UnknownTargetError) throw new ProblemException(404, error.message);
    if (error instanceof ConcurrentTargetChangeError) throw new ProblemException(409, error.message);
    throw error;
  }
}
