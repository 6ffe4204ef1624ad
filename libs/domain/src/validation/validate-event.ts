import { type NormalizedEvent } from '../events/normalized-event.js';
import { checkReportingCurrency } from './currency-rule.js';
import { readEnvelope } from './envelope-rules.js';
import { checkEventCharacters } from './event-characters.js';
import { checkEventData } from './event-data-rules.js';
import { serializedSizeProblem } from './event-size.js';
import { type EventValidation, type EventValidationRules } from './event-validation.js';
import { isJsonObject } from './json-object.js';
import { type ValidationProblem } from './validation-problem.js';

/** Whether the size of the event still has to be measured, or was measured on the bytes it was parsed from. */
export type SizeCheck = 'measure' | 'already-measured';

/**
 * {@link validateEvent}, for callers that already measured the size of the bytes the event was parsed from;
 * re-serializing it to measure again would cost throughput for nothing.
 */
export function validateEventOfCheckedSize(
  raw: unknown,
  rules: EventValidationRules,
  sizeCheck: SizeCheck,
): EventValidation {
  if (!isJsonObject(raw)) return { ok: false, errors: [{ path: '', message: 'must be a JSON object' }] };
  const problems: ValidationProblem[] = [];
  const sizeProblem = sizeCheck === 'measure' ? serializedSizeProblem(raw) : undefined;
  if (sizeProblem !== undefined) problems.push(sizeProblem);
  checkEventCharacters(raw, problems);

  const envelope = readEnvelope(raw, rules.clock, problems);
  const data = raw['data'];
  if (data === undefined) {
    problems.push({ path: 'data', message: 'is required' });
  } else if (!isJsonObject(data)) {
    problems.push({ path: 'data', message: 'must be a JSON object' });
  } else if (envelope.type === undefined) {
    // Without a valid type there is no DTO to check against; guessing one would only invent errors.
    problems.push({ path: 'data', message: 'was not checked because type is invalid' });
  } else {
    checkEventData(envelope.type, data, problems);
    checkReportingCurrency(envelope.type, data, rules.reportingCurrency, problems);
  }

  const { id, source, type, subject, time, extensions } = envelope;
  // Each attribute left unread recorded a problem; the checks after the first only tell the compiler so.
  if (problems.length === 0 && id && source && type && subject && time && isJsonObject(data)) {
    const event: NormalizedEvent = { id, source, type, subject, time, data, extensions };
    return { ok: true, event };
  }
  return id === undefined ? { ok: false, errors: problems } : { ok: false, id, errors: problems };
}

/**
 * Validates one submitted CloudEvent against the ingest contract (events.md) and normalizes it for the store.
 *
 * Never throws on bad input: every problem found in the envelope and in `data` is returned together, each with a
 * path from the event root and a message saying what is expected. The accepted event's `data` is the submitted
 * object itself, unchanged.
 */
export function validateEvent(raw: unknown, rules: EventValidationRules): EventValidation {
  return validateEventOfCheckedSize(raw, rules, 'measure');
}
