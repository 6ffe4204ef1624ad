import { eventSizeProblem } from './event-size.js';
import { type EventValidation, type EventValidationRules } from './event-validation.js';
import { validateEventOfCheckedSize } from './validate-event.js';

// `fatal` makes malformed UTF-8 an error instead of silently becoming U+FFFD in stored data.
const utf8 = new TextDecoder('utf-8', { fatal: true });

function rejected(message: string): EventValidation {
  return { ok: false, errors: [{ path: '', message }] };
}

/**
 * Validates one CloudEvent given as JSON text or UTF-8 bytes: a Kafka record value or a raw HTTP body.
 *
 * The size is checked on the bytes before anything is parsed, so an oversized payload costs no parsing; text that
 * is not JSON gets one problem saying so. Otherwise the result is that of `validateEvent`.
 */
export function validateEventJson(bytes: Uint8Array | string, rules: EventValidationRules): EventValidation {
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes, 'utf8') : bytes.byteLength;
  const sizeProblem = eventSizeProblem(size);
  if (sizeProblem !== undefined) return { ok: false, errors: [sizeProblem] };

  let text: string;
  try {
    text = typeof bytes === 'string' ? bytes : utf8.decode(bytes);
  } catch {
    return rejected('must be UTF-8 encoded JSON');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return rejected(`must be valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return validateEventOfCheckedSize(raw, rules, 'already-measured');
}
