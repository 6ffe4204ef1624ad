import { ProblemException } from '@customs-pulse/http';

import type { VerifyChainOptions } from '../../chain/chain-verification.js';
import { verifyOptionsFromText } from '../../chain/verify-options-text.js';

/** A request's query string as the HTTP layer hands it over. */
export type QueryString = Readonly<Record<string, unknown>>;

/**
 * The optional query of `GET /api/audit/verify`: `from`, `to` (positions, both included) and `anchor`
 * (`<position>:<hash>`, a link noted earlier).
 * @throws ProblemException (400) naming each unknown or malformed parameter as `query.<name>`.
 */
export function verifyOptionsOf(query: QueryString): VerifyChainOptions {
  const { options, problems } = verifyOptionsFromText(query);
  if (problems.length === 0) return options;
  const errors = problems.map(({ name, message }) => ({ path: `query.${name}`, message }));
  throw new ProblemException(400, errors.map(({ path, message }) => `${path} ${message}`).join('; '), errors);
}
