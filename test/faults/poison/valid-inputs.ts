import { PRODUCER_EVENT_TYPES } from '@customs-pulse/domain';
import type { RawCloudEvent, SeededRandom } from '@customs-pulse/testing';
import { AMOUNT_FIELDS, IDENTIFIER_FIELDS, POISON_SOURCE, dataOf, fullEvent, jsonWithRaw } from './event-fields.js';

/** A valid event as sent: its JSON text and its idempotency key. */
export interface ValidInput {
  readonly text: string;
  /** `source` and `id`, space-separated, as the store's events are compared. */
  readonly key: string;
  /** The partition key over Kafka. */
  readonly subject: string;
}

// Characters every store must keep byte for byte although they look odd: C1 controls (not refused by v1.1), line and
// paragraph separators, a byte-order mark, a noncharacter, a right-to-left override, an astral emoji, a combining mark.
const ODD_CHARACTERS = ['\u0085', '\u009f', '\u2028', '\u2029', '\ufeff', '\uffff', '\u202e', '😀', 'e\u0301', 'Ω'];

// Amounts at and near the limits: rounding to ten-thousandths, the smallest positive double, 10^12 itself.
const EDGE_AMOUNTS = ['0', '-0', '1e12', '1000000000000.0', '5e-324', '0.00005', '0.99995', '1e-7', '999999999999.9999', '123.4567'];
const EDGE_QUANTITIES = ['1e12', '5e-324', '0.001', '1E0'];
const EDGE_RISK_SCORES = ['0', '1', '5e-324', '-0', '0.9999999999999999'];

/** A string of exactly `length` code points (within the limit), made of odd characters and `prefix`. */
function oddText(random: SeededRandom, prefix: string, length: number): string {
  const characters = [...prefix];
  while (characters.length < length) characters.push(random.pick(ODD_CHARACTERS));
  // A combining pair is two code points: keep exactly `length`.
  return [...characters.join('')].slice(0, length).join('');
}

function validTime(random: SeededRandom, nowMs: number): string {
  const draw = random.next();
  // Year 0001 at its first instant, in UTC and from an offset: the earliest time every store must hold.
  if (draw < 0.03) return '0001-01-01T00:00:00.000Z';
  if (draw < 0.05) return '0001-01-01T05:00:00+05:00';
  if (draw < 0.08) return new Date(Date.UTC(random.between(1, 2020), random.between(0, 11), random.between(1, 28), random.between(0, 23))).toISOString();
  // Otherwise between 22 hours and a minute ago, in Tashkent time: away from the edges of the current window.
  const instant = nowMs - random.between(60_000, 22 * 3_600_000);
  return new Date(instant + 5 * 3_600_000).toISOString().replace(/\.(\d{3})Z$/, '.$1+05:00');
}

/**
 * The `n`-th valid input of a run: every producer type with its optional fields, at times from year 0001 to now,
 * and often with values at the edges of events.md (128-character ids of astral characters, a 1,000-character
 * reason, amounts of 10^12 or 5e-324, `-0`, odd but allowed characters, an extension named `constructor`).
 */
export function validInput(random: SeededRandom, n: number, nowMs: number): ValidInput {
  const type = random.pick(PRODUCER_EVENT_TYPES);
  const subject = random.chance(0.05) ? `P-${n}-`.padEnd(128, 'x/.:_-') : `P-${n % 997}`;
  const id = random.chance(0.1) ? oddText(random, `poison-${n}-`, 128) : `poison-${n}`;
  const source = random.chance(0.05) ? `${POISON_SOURCE}:`.padEnd(256, 's') : POISON_SOURCE;
  const envelope: Record<string, unknown> = { id, source, time: validTime(random, nowMs) };
  if (random.chance(0.05)) envelope['constructor'] = 'an extension attribute, not a prototype';
  if (random.chance(0.05)) envelope['hasownproperty'] = 1.7976931348623157e308;
  const event: RawCloudEvent = fullEvent(type, subject, envelope);
  const data = dataOf(event);
  const raw = new Map<string, string>();
  const rawNumber = (field: string, json: string): void => {
    const placeholder = `@raw-${field}@`;
    data[field] = placeholder;
    raw.set(placeholder, json);
  };
  for (const field of Object.keys(data)) {
    if (!random.chance(0.15)) continue;
    if (IDENTIFIER_FIELDS.has(field)) {
      const text = oddText(random, `${field}-`, random.pick([1, 20, 128]));
      data[field] = Array.isArray(data[field]) ? [text, oddText(random, 'X', 128)] : text;
    } else if (AMOUNT_FIELDS.has(field)) rawNumber(field, random.pick(EDGE_AMOUNTS));
    else if (field === 'quantity') rawNumber(field, random.pick(EDGE_QUANTITIES));
    else if (field === 'riskScore') rawNumber(field, random.pick(EDGE_RISK_SCORES));
    else if (field === 'reason') data[field] = oddText(random, 'reason: ', random.pick([1, 1000]));
  }
  return { text: jsonWithRaw(event, raw), key: `${source} ${id}`, subject };
}
