import { jsonByteLength } from './json-byte-length.js';
import { MAX_EVENT_BYTES } from './limits.js';
import { type ValidationProblem } from './validation-problem.js';

/** The problem of an event of `bytes` bytes, if it is over {@link MAX_EVENT_BYTES}. */
export function eventSizeProblem(bytes: number): ValidationProblem | undefined {
  if (bytes <= MAX_EVENT_BYTES) return undefined;
  return { path: '', message: `must be at most ${MAX_EVENT_BYTES} bytes of JSON (got ${bytes})` };
}

/** The problem of an in-memory event whose JSON serialization (UTF-8) is over {@link MAX_EVENT_BYTES}, if any. */
export function serializedSizeProblem(event: unknown): ValidationProblem | undefined {
  let bytes: number | undefined;
  try {
    bytes = Buffer.byteLength(JSON.stringify(event), 'utf8');
  } catch {
    // Nesting too deep for JSON.stringify's recursion is still JSON (an HTTP batch's item may be 40,000 arrays
    // deep): measured without recursion, it is refused for its size, not as something that is no JSON.
    bytes = jsonByteLength(event);
  }
  // A cycle or a BigInt: nothing a JSON body could have produced, and nothing the store could keep.
  if (bytes === undefined) return { path: '', message: 'must be serializable as JSON' };
  return eventSizeProblem(bytes);
}
