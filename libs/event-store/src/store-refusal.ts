import type { EventToAppend } from './recorded-event.js';
import type { EventPart, StoreLimits, StoreRefusal, TextRule } from './store-limits.js';

const ATTRIBUTES = ['id', 'source', 'type', 'subject', 'time'] as const;

/**
 * Why a store with `limits` cannot hold `event`, or undefined when it can: the first problem found. The field names
 * the place, never the string itself: a reason must be something every store, header and log line can hold.
 */
export function refusalOf(event: EventToAppend, limits: StoreLimits): StoreRefusal | undefined {
  for (const part of ATTRIBUTES) {
    const broken = brokenRule(limits, part, event[part]);
    if (broken) return refusal(part, broken);
  }
  const time = limits.time?.(event.time);
  if (time !== undefined) return { field: 'time', reason: time };
  return documentRefusal(limits, 'data', event.data, 'data') ?? documentRefusal(limits, 'extensions', event.extensions ?? {}, 'extensions');
}

/** Why a store with `limits` cannot hold a stream of this name, or undefined when it can. */
export function refusalOfStream(stream: string, limits: StoreLimits): StoreRefusal | undefined {
  const broken = brokenRule(limits, 'stream', stream);
  return broken && refusal('stream', broken);
}

function refusal(field: string, rule: TextRule, what = 'holds'): StoreRefusal {
  return { field, reason: `${what} ${rule.what}, ${rule.because}` };
}

function brokenRule(limits: StoreLimits, part: EventPart, text: string): TextRule | undefined {
  for (const { in: parts, rule } of limits.text) if (parts.includes(part) && !rule.holds(text)) return rule;
  return undefined;
}

/** The first value of a document that the store cannot hold, or that canonical JSON (the hash chain) has no form for. */
function documentRefusal(limits: StoreLimits, part: EventPart, value: unknown, field: string): StoreRefusal | undefined {
  switch (typeof value) {
    case 'string': {
      const broken = brokenRule(limits, part, value);
      return broken && refusal(field, broken);
    }
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : { field, reason: `is ${value}, which JSON has no form for` };
    case 'object': {
      if (value === null) return undefined;
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index += 1) {
          const inItem = value[index] === undefined ? undefined : documentRefusal(limits, part, value[index], `${field}.${index}`);
          if (inItem) return inItem;
        }
        return undefined;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return { field, reason: 'is not a plain JSON object' };
      for (const [key, member] of Object.entries(value)) {
        const broken = brokenRule(limits, part, key);
        if (broken) return refusal(field, broken, 'has a key that holds');
        const inMember = member === undefined ? undefined : documentRefusal(limits, part, member, `${field}.${key}`);
        if (inMember) return inMember;
      }
      return undefined;
    }
    default:
      return { field, reason: `is ${value === undefined ? 'undefined' : `a ${typeof value}`}, which JSON has no form for` };
  }
}
