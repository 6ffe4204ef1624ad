/**
 * One thing wrong with a submitted event.
 *
 * `path` is dotted from the event root (`time`, `data.lane`, `data.hsCodes.1`); the root itself, e.g. for a body
 * that is not a JSON object, is the empty path `''`. `message` is short, lower-case and says what is expected.
 */
export interface ValidationProblem {
  readonly path: string;
  readonly message: string;
}

/** The one-line form used in logs and dead-letter headers: `data.lane: must be one of GREEN, YELLOW, RED, BLUE`. */
export function formatProblem(problem: ValidationProblem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}
