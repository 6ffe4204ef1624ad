import type { RawCloudEvent, SeededRandom } from '@customs-pulse/testing';
import { IDENTIFIER_FIELDS, dataOf } from './event-fields.js';
import type { EventFault, EventFaultKind } from './event-fault.js';

/** A string of an event, where it sits and its path as a rejection names it (`data.profileIds.1`). */
interface StringSlot {
  readonly path: string;
  readonly holder: Record<string, unknown> | unknown[];
  readonly key: string;
}

function stringSlots(event: RawCloudEvent): StringSlot[] {
  const slots: StringSlot[] = [];
  const visit = (holder: Record<string, unknown> | unknown[], key: string, path: string): void => {
    const value = (holder as Record<string, unknown>)[key];
    if (typeof value === 'string') slots.push({ path, holder, key });
    else if (Array.isArray(value)) value.forEach((_, index) => visit(value, String(index), `${path}.${index}`));
    else if (typeof value === 'object' && value !== null) for (const child of Object.keys(value)) visit(value as Record<string, unknown>, child, `${path}.${child}`);
  };
  for (const key of Object.keys(event)) visit(event, key, key);
  return slots;
}

function insertAt(random: SeededRandom, text: string, inserted: string): string {
  const at = random.between(0, text.length);
  return text.slice(0, at) + inserted + text.slice(at);
}

function controlCharacter(random: SeededRandom): string {
  return random.chance(0.1) ? '\u007f' : String.fromCharCode(random.between(0, 0x1f));
}

function unpairedSurrogate(random: SeededRandom): string {
  return String.fromCharCode(random.chance(0.5) ? random.between(0xd800, 0xdbff) : random.between(0xdc00, 0xdfff));
}

const CONTROL = /holds the control character U\+00[0-9A-F]{2}/;
const SURROGATE = /holds an unpaired UTF-16 surrogate \(U\+D[89A-F][0-9A-F]{2}\)/;

/** A bad character in one string of the event, envelope or `data`, list items included. */
function badCharacterInValue(character: (random: SeededRandom) => string, message: RegExp): EventFault {
  return (random, event) => {
    const slot = random.pick(stringSlots(event));
    const holder = slot.holder as Record<string, unknown>;
    holder[slot.key] = insertAt(random, holder[slot.key] as string, character(random));
    return { reason: { path: slot.path, message } };
  };
}

/** A bad character in a key of the envelope or of `data`: reported at the path of its object. */
function badCharacterInKey(character: (random: SeededRandom) => string, message: RegExp): EventFault {
  return (random, event) => {
    const inData = random.chance(0.5);
    const holder = inData ? dataOf(event) : event;
    holder[insertAt(random, random.pick(['note', 'officeId', 'ext', 'x']), character(random))] = 'value';
    return { reason: { path: inData ? 'data' : '', message: new RegExp(`has a key that ${message.source}`) } };
  };
}

function codePoints(random: SeededRandom, count: number): string {
  return random.chance(0.5) ? 'x'.repeat(count) : '😀'.repeat(count);
}

/** One text over its limit: the envelope's id, source or subject, an identifier or list item of `data`, a reason. */
const overLongText: EventFault = (random, event) => {
  const data = dataOf(event);
  const fields = Object.keys(data).filter((field) => IDENTIFIER_FIELDS.has(field) || field === 'reason');
  const choice = random.pick(['id', 'source', 'subject', ...fields]);
  if (choice === 'id') event['id'] = codePoints(random, 129);
  else if (choice === 'source') event['source'] = codePoints(random, 257);
  else if (choice === 'subject') event['subject'] = 'S'.repeat(129);
  if (['id', 'source', 'subject'].includes(choice)) return { reason: { path: choice, message: /must be (a string of 1 to (128|256) characters|1 to 128 characters)/ } };
  const limit = choice === 'reason' ? 1000 : 128;
  const text = codePoints(random, limit + 1);
  if (!Array.isArray(data[choice])) {
    data[choice] = text;
    return { reason: { path: `data.${choice}`, message: new RegExp(`1 to ${limit} characters`) } };
  }
  const list = data[choice] as unknown[];
  const index = random.between(0, list.length - 1);
  list[index] = text;
  return { reason: { path: `data.${choice}.${index}`, message: /1 to 128 characters/ } };
};

/** Control characters, unpaired surrogates (in values and in keys) and texts over their limits (events.md v1.1). */
export const STRING_FAULTS: Readonly<Record<string, EventFaultKind>> = {
  'control character in a value': { fault: badCharacterInValue(controlCharacter, CONTROL) },
  'control character in a key': { fault: badCharacterInKey(controlCharacter, CONTROL) },
  'unpaired surrogate in a value': { fault: badCharacterInValue(unpairedSurrogate, SURROGATE) },
  'unpaired surrogate in a key': { fault: badCharacterInKey(unpairedSurrogate, SURROGATE) },
  'text over its limit': { fault: overLongText },
};
