import { PRODUCER_EVENT_TYPES, type ProducerEventType } from '@customs-pulse/domain';
import { anEventOfType } from '@customs-pulse/testing';
import { dataOf } from './event-fields.js';
import type { EventFaultKind, FaultOutcome } from './event-fault.js';

const NOT_A_FIELD = /is not a field of [A-Za-z]+/;
const NOT_AN_ATTRIBUTE = /is not an attribute of this contract/;
const NOT_AN_EXTENSION_VALUE = /must be a string, a number or a boolean \(extension attribute\)/;

/** `holder[key] = json`, where key and value are raw JSON text (a key `__proto__`, a value nested 30,000 deep). */
function rawEntry(holder: Record<string, unknown>, key: string, json: string): ReadonlyMap<string, string> {
  const keyPlaceholder = `@key-${key}@`;
  const valuePlaceholder = `@value-${key}@`;
  holder[keyPlaceholder] = valuePlaceholder;
  return new Map([
    [keyPlaceholder, JSON.stringify(key)],
    [valuePlaceholder, json],
  ]);
}

function nested(kind: 'arrays' | 'objects', depth: number): string {
  return kind === 'arrays' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** The fields a type requires: those of the builder's smallest valid `data`. */
function requiredFields(type: ProducerEventType): string[] {
  return Object.keys(dataOf(anEventOfType(type, 'S')));
}

const TYPES_WITH_REQUIRED_DATA = PRODUCER_EVENT_TYPES.filter((type) => requiredFields(type).length > 0);
const TYPES_WITH_CURRENCY: readonly ProducerEventType[] = [
  'DeclarationLodged', 'DutiesAssessed', 'DutiesPaid', 'SeizureRecorded', 'OffenceCaseClosed', 'PostClearanceAuditCompleted',
];

/** A wrong JSON type for a field that holds `value`. */
function wrongTypeOf(value: unknown): string {
  if (typeof value === 'boolean') return '"true"';
  if (typeof value === 'number') return '"12"';
  if (Array.isArray(value)) return '"not a list"';
  return '42';
}

/**
 * Keys that could reach a prototype, nesting deep enough to overflow a recursive walk, missing and wrongly typed
 * fields, times outside 0001 to 9999 or in the future, and items that are no event at all.
 */
export const STRUCTURE_FAULTS: Readonly<Record<string, EventFaultKind>> = {
  '__proto__ or constructor key': {
    fault: (random, event): FaultOutcome => {
      switch (random.between(0, 4)) {
        case 0:
          return { reason: { path: '__proto__', message: NOT_AN_ATTRIBUTE }, raw: rawEntry(event, '__proto__', '{"polluted":true}') };
        case 1:
          return { reason: { path: 'data.__proto__', message: NOT_A_FIELD }, raw: rawEntry(dataOf(event), '__proto__', '{"polluted":true}') };
        case 2:
          dataOf(event)['constructor'] = { prototype: { polluted: true } };
          return { reason: { path: 'data.constructor', message: NOT_A_FIELD } };
        case 3:
          event['constructor'] = { prototype: { polluted: true } };
          return { reason: { path: 'constructor', message: NOT_AN_EXTENSION_VALUE } };
        default:
          // The whole event one level down, under __proto__: nothing of it is read.
          return { reason: { path: 'id', message: /is required/ }, replacement: `{"__proto__":${JSON.stringify(event)}}` };
      }
    },
  },
  'deep nesting': {
    fault: (random, event): FaultOutcome => {
      switch (random.between(0, 2)) {
        case 0:
          return { reason: { path: 'data.nested', message: NOT_A_FIELD }, raw: rawEntry(dataOf(event), 'nested', nested('arrays', random.between(100, 30_000))) };
        case 1:
          return { reason: { path: 'nested', message: NOT_AN_EXTENSION_VALUE }, raw: rawEntry(event, 'nested', nested('objects', random.between(100, 10_000))) };
        default:
          return { reason: { path: '', message: /must be at most 65536 bytes/ }, raw: rawEntry(dataOf(event), 'nested', nested('arrays', 40_000)) };
      }
    },
  },
  'missing required field': {
    types: TYPES_WITH_REQUIRED_DATA,
    fault: (random, event) => {
      const inEnvelope = random.chance(0.5);
      const field = inEnvelope
        ? random.pick(['specversion', 'id', 'source', 'type', 'subject', 'time', 'data'])
        : random.pick(requiredFields(event['type'] as ProducerEventType));
      if (inEnvelope) delete event[field];
      else delete dataOf(event)[field];
      return { reason: { path: inEnvelope ? field : `data.${field}`, message: /is required/ } };
    },
  },
  'wrongly typed field': {
    types: TYPES_WITH_REQUIRED_DATA,
    fault: (random, event) => {
      const data = dataOf(event);
      const field = random.pick(requiredFields(event['type'] as ProducerEventType));
      const placeholder = `@wrong-${field}@`;
      const raw = new Map([[placeholder, wrongTypeOf(data[field])]]);
      data[field] = placeholder;
      return { reason: { path: `data.${field}`, message: /^must / }, raw };
    },
  },
  'data or event not an object': {
    fault: (random, event) => {
      if (random.chance(0.5)) {
        event['data'] = random.pick([[], 'data', 42, null, true]);
        return { reason: { path: 'data', message: /must be a JSON object/ } };
      }
      return { reason: { path: '', message: /must be a JSON object/ }, replacement: random.pick(['42', '"an event"', 'null', '[]', 'true', '[{"id":"x"}]', '-0', '1e309']) };
    },
  },
  'time outside years 0001 to 9999': {
    fault: (random, event) => {
      event['time'] = random.pick(['0000-12-31T23:59:59Z', '0001-01-01T00:30:00+01:00', '0000-01-01T00:00:00.000Z', '9999-12-31T23:30:00-01:00']);
      return { reason: { path: 'time', message: /must lie between the years 0001 and 9999 in UTC/ } };
    },
  },
  'time in the future': {
    fault: (random, event, nowMs) => {
      event['time'] = new Date(nowMs + random.between(6, 10_000) * 60_000).toISOString();
      return { reason: { path: 'time', message: /must be at most 5 minutes ahead of the server clock/ } };
    },
  },
  'type not a producer type': {
    fault: (random, event) => {
      const system = random.chance(0.5);
      event['type'] = system ? random.pick(['AlertRaised', 'KpiThresholdChanged', 'TargetSet']) : random.pick(['GoodsTeleported', 'goodsArrived', '']);
      return { reason: { path: 'type', message: system ? /is written by the system|must be one of the producer event types/ : /\S/ } };
    },
  },
  'other currency or content type': {
    types: TYPES_WITH_CURRENCY,
    fault: (random, event) => {
      if (random.chance(0.5)) {
        event['datacontenttype'] = 'text/plain';
        return { reason: { path: 'datacontenttype', message: /must be application\/json/ } };
      }
      dataOf(event)['currency'] = 'EUR';
      return { reason: { path: 'data.currency', message: /\S/ } };
    },
  },
};
