import { type Clock } from '../clock.js';
import { type ProducerEventType } from '../events/event-types.js';
import { readEventTime } from './event-time.js';
import { readEventType } from './event-type-rule.js';
import { type ExtensionValue, readExtensionAttributes } from './extension-attributes.js';
import { MAX_FUTURE_SKEW_MS } from './limits.js';
import { isStringOfLength } from './text-length.js';
import { type ValidationProblem } from './validation-problem.js';

/** The envelope attributes of the contract; any other attribute must be an extension attribute. */
const CONTRACT_ATTRIBUTES: ReadonlySet<string> = new Set([
  'specversion',
  'id',
  'source',
  'type',
  'subject',
  'time',
  'datacontenttype',
  'data',
]);

const subjectFormat = /^[A-Za-z0-9._:/-]{1,128}$/;

const isEventId = (value: unknown): value is string => isStringOfLength(value, 128);
const isSource = (value: unknown): value is string => isStringOfLength(value, 256);
const isSubject = (value: unknown): value is string => typeof value === 'string' && subjectFormat.test(value);

/** What could be read from an envelope: an attribute is set only when it is valid. */
export interface EnvelopeReading {
  readonly id?: string;
  readonly source?: string;
  readonly type?: ProducerEventType;
  readonly subject?: string;
  /** Normalized to `YYYY-MM-DDTHH:mm:ss.sssZ`. */
  readonly time?: string;
  readonly extensions: Readonly<Record<string, ExtensionValue>>;
}

function readTime(value: unknown, clock: Clock, problems: ValidationProblem[]): string | undefined {
  if (value === undefined) {
    problems.push({ path: 'time', message: 'is required' });
    return undefined;
  }
  const reading = readEventTime(value);
  if (!reading.ok) {
    problems.push({ path: 'time', message: reading.message });
    return undefined;
  }
  const now = clock.now();
  if (reading.epochMs - now.getTime() > MAX_FUTURE_SKEW_MS) {
    const message = `must be at most 5 minutes ahead of the server clock (server time ${now.toISOString()})`;
    problems.push({ path: 'time', message });
    return undefined;
  }
  return new Date(reading.epochMs).toISOString();
}

function readText(
  event: Readonly<Record<string, unknown>>,
  attribute: 'id' | 'source' | 'subject',
  isValid: (value: unknown) => value is string,
  expected: string,
  problems: ValidationProblem[],
): string | undefined {
  const value = event[attribute];
  if (isValid(value)) return value;
  problems.push({ path: attribute, message: value === undefined ? 'is required' : expected });
  return undefined;
}

/** Checks every envelope attribute of `event` (all but `data`), recording each problem found. */
export function readEnvelope(
  event: Readonly<Record<string, unknown>>,
  clock: Clock,
  problems: ValidationProblem[],
): EnvelopeReading {
  const specversion = event['specversion'];
  if (specversion !== '1.0') {
    problems.push({ path: 'specversion', message: specversion === undefined ? 'is required' : 'must be "1.0"' });
  }
  const id = readText(event, 'id', isEventId, 'must be a string of 1 to 128 characters', problems);
  const source = readText(event, 'source', isSource, 'must be a string of 1 to 256 characters', problems);
  const type = readEventType(event['type'], problems);
  const subjectExpected = 'must be 1 to 128 characters of A-Z, a-z, 0-9, ".", "_", ":", "/" or "-"';
  const subject = readText(event, 'subject', isSubject, subjectExpected, problems);
  const time = readTime(event['time'], clock, problems);
  const contentType = event['datacontenttype'];
  if (contentType !== undefined && contentType !== 'application/json') {
    problems.push({ path: 'datacontenttype', message: 'must be application/json when present' });
  }
  const extensions = readExtensionAttributes(event, CONTRACT_ATTRIBUTES, problems);
  return { id, source, type, subject, time, extensions };
}
