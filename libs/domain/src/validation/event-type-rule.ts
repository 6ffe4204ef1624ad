import {
  PRODUCER_EVENT_TYPES,
  type ProducerEventType,
  isProducerEventType,
  isSystemEventType,
} from '../events/event-types.js';
import { type ValidationProblem } from './validation-problem.js';

const producerTypesByLowerCase = new Map(PRODUCER_EVENT_TYPES.map((type) => [type.toLowerCase(), type]));

function whatIsWrong(type: unknown): string {
  if (type === undefined) return 'is required';
  if (isSystemEventType(type)) return `${type} is written by the system and cannot be submitted`;
  // Types are case-sensitive; a producer who wrote `laneassigned` deserves to be told the exact spelling.
  const meant = typeof type === 'string' ? producerTypesByLowerCase.get(type.toLowerCase()) : undefined;
  if (meant !== undefined) return `must be written exactly as ${meant}`;
  return `must be one of the producer event types: ${PRODUCER_EVENT_TYPES.join(', ')}`;
}

/** Reads the envelope's `type`: a producer event type, or `undefined` with the problem recorded. */
export function readEventType(type: unknown, problems: ValidationProblem[]): ProducerEventType | undefined {
  if (isProducerEventType(type)) return type;
  problems.push({ path: 'type', message: whatIsWrong(type) });
  return undefined;
}
