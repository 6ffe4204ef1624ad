import type { SeededRandom } from '@customs-pulse/testing';
import type { ExpectedReason } from './event-fault.js';

/** A fault of the bytes themselves: over HTTP the whole body is refused (400), from Kafka the record is dead-lettered. */
export interface BodyFault {
  readonly bytes: Buffer;
  /** The problem a dead letter names. */
  readonly reason: ExpectedReason;
  /** What the 400 answer's `detail` says. */
  readonly detail: RegExp;
}

// Bytes UTF-8 never has there: 0xFF, an overlong NUL, an encoded surrogate (CESU-8), a sequence cut short, a lone
// continuation byte, a code point above U+10FFFF.
const NOT_UTF8 = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80], [0xf4, 0x90, 0x80, 0x80]];

/** JSON cut short anywhere: no proper prefix of an object's JSON is JSON. */
export function truncatedJson(random: SeededRandom, json: string): BodyFault {
  return {
    bytes: Buffer.from(json.slice(0, random.between(1, json.length - 1))),
    reason: { path: '', message: /^must be valid JSON/ },
    detail: /^the body is not JSON: /,
  };
}

/** An event whose bytes are not UTF-8 inside one of its string values. */
export function invalidUtf8(random: SeededRandom, json: string): BodyFault {
  const valueStarts = [...json.matchAll(/":"/g)].map((match) => match.index + 3);
  const at = Buffer.byteLength(json.slice(0, random.pick(valueStarts)));
  const bytes = Buffer.from(json);
  return {
    bytes: Buffer.concat([bytes.subarray(0, at), Buffer.from(random.pick(NOT_UTF8)), bytes.subarray(at)]),
    reason: { path: '', message: /^must be UTF-8 encoded JSON$/ },
    detail: /^the body is not valid UTF-8$/,
  };
}
