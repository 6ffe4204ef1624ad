import type { IncomingMessage } from 'node:http';

import { ProblemException } from './problem.exception.js';
import { readRequestText } from './request-body.js';

/** Largest body the command endpoints read (alerts, thresholds, targets): a note, two thresholds or a target need far less. */
export const MAX_COMMAND_BODY_BYTES = 16 * 1024;

/**
 * Reads a small JSON object body (the apps have no global body parser: ingest reads its own). An empty body is `{}`,
 * so that a body whose every field is optional may be left out.
 * @throws ProblemException 400 when the body is not UTF-8 JSON or not an object; 413 when it is over the limit.
 */
export async function readJsonObjectBody(request: IncomingMessage): Promise<Readonly<Record<string, unknown>>> {
  const text = await readRequestText(request, MAX_COMMAND_BODY_BYTES);
  if (text.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ProblemException(400, `the body is not JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ProblemException(400, 'the body must be a JSON object');
  return parsed as Readonly<Record<string, unknown>>;
}
