import { SeededRandom } from '@customs-pulse/testing';
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';

import { canonicalJson } from './canonical-json.js';
import { linkHash, prepareEvent } from './chain-link.js';
import { dedupeKey } from './dedupe-key.js';
import { chainHash, GENESIS_HASH } from './hash-chain.js';
import type { EventExtensions, EventToAppend } from './recorded-event.js';

/** Deterministic generator, so that a failure can be replayed. */
function randomSource(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

// Keys whose UTF-16 order differs from code point order, escapes, empty, prototype-like and look-alike keys.
const ODD_TEXTS = [
  '', 'a', 'A', 'é', 'e\u0301', '\u{1F600}', '\uFB01', '\uFFFF', 'a"b', 'back\\slash', 'line\nbreak', '\u0000',
  '__proto__', 'constructor', 'toString', '10', '2', 'position', 'revision', 'recordedAt', 'data', 'stream', '日本語',
];

function generatedEvent(random: () => number, index: number): EventToAppend {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const text = (): string => pick(ODD_TEXTS) + (random() < 0.5 ? String(Math.floor(random() * 1000)) : '');
  const scalar = (): unknown =>
    pick([() => text(), () => random() * 1e6 - 5e5, () => Math.floor(random() * 100), () => -0, () => 1e21, () => 5e-324,
      () => random() < 0.5, () => null])();
  const value = (depth: number): unknown => {
    if (depth > 3 || random() < 0.5) return scalar();
    if (random() < 0.3) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    return record(depth + 1);
  };
  // JSON.parse makes `__proto__` an own key, as a parsed request body would.
  const record = (depth: number): Record<string, unknown> => {
    const entries = Array.from({ length: Math.floor(random() * 5) }, () => [text(), value(depth)] as const);
    return JSON.parse(JSON.stringify(Object.fromEntries(entries))) as Record<string, unknown>;
  };
  const extensions =
    random() < 0.3
      ? undefined
      : (JSON.parse(JSON.stringify(Object.fromEntries(
          Array.from({ length: Math.floor(random() * 3) }, () => [text(), pick([text(), Math.floor(random() * 9), random() < 0.5])]),
        ))) as EventExtensions);
  return {
    id: `${text()}-${index}`,
    source: `urn:${text()}`,
    type: text(),
    subject: text(),
    time: new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 1e10)).toISOString(),
    data: record(0),
    ...(extensions === undefined ? {} : { extensions }),
  };
}

describe('prepareEvent and linkHash', () => {
  it('give the same content hash and the same link as contentHash and chainHash, over 5,000 generated events', () => {
    const random = randomSource(20261123);
    let previous = GENESIS_HASH;
    for (let index = 0; index < 5_000; index += 1) {
      const event = generatedEvent(random, index);
      const stream = `${ODD_TEXTS[index % ODD_TEXTS.length]}-stream`;
      const position = index + 1 + Math.floor(random() * 1e9);
      const revision = Math.floor(random() * 1e6);
      const recordedAt = new Date(Date.UTC(2026, 5, 1) + index).toISOString();
      const prepared = prepareEvent(event, stream);

      const expected = chainHash(previous, {
        ...event, extensions: event.extensions ?? {}, stream, revision, position, recordedAt,
      });
      // Written out here, not through contentHash, which delegates to prepareEvent.
      const content = { type: event.type, subject: event.subject, time: event.time, data: event.data, extensions: event.extensions ?? {} };
      expect(prepared.contentHash).toBe(createHash('sha256').update(canonicalJson(content)).digest('hex'));
      expect(prepared.key).toBe(dedupeKey(event.source, event.id));
      expect(linkHash(previous, prepared, position, revision, canonicalJson(recordedAt))).toBe(expected);
      previous = expected;
    }
  });

  it('fails like canonicalJson on data that has no canonical form', () => {
    const event: EventToAppend = { id: '1', source: 's', type: 't', subject: 'x', time: 't', data: { at: new Date(0) } };
    expect(() => prepareEvent(event, 'x')).toThrow(TypeError);
  });
});
