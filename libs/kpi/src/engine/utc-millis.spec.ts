import { describe, expect, it } from '@jest/globals';

import { SeededRandom } from '@customs-pulse/testing';
import { LastUtcMillis, utcIso, utcMillis } from './utc-millis.js';

describe('utcMillis', () => {
  it('agrees with Date.parse on stored times, leap days and century years included', () => {
    const random = new SeededRandom(42);
    const instants = ['2024-02-29T23:59:59.999Z', '2000-03-01T00:00:00.000Z', '1900-03-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z'];
    for (let draw = 0; draw < 10_000; draw += 1) {
      instants.push(new Date(random.between(-2_000_000_000, 4_000_000_000) * 1000 + random.between(0, 999)).toISOString());
    }
    for (const instant of instants) expect(utcMillis(instant)).toBe(Date.parse(instant));
  });

  it('falls back to Date.parse for any other form', () => {
    expect(utcMillis('2026-03-02T10:00:00+05:00')).toBe(Date.parse('2026-03-02T05:00:00.000Z'));
    expect(utcMillis('not a time')).toBeNaN();
  });
});

describe('LastUtcMillis', () => {
  it('reads each time as utcMillis does, whether it repeats the last one or not', () => {
    const last = new LastUtcMillis();
    const times = ['2026-03-02T10:00:00.000Z', '2026-03-02T10:00:00.000Z', '2026-03-02T10:00:01.500Z', '2026-03-02T10:00:00.000Z'];
    expect(times.map((time) => last.of(time))).toEqual(times.map(utcMillis));
    expect(new LastUtcMillis().of('')).toBeNaN();
  });
});

describe('utcIso', () => {
  it('writes what Date#toISOString writes, and what utcMillis reads back', () => {
    const random = new SeededRandom(43);
    const instants = [0, -1, 951_782_400_000, -62_167_219_200_000, 253_402_300_799_999, Date.parse('2024-02-29T23:59:59.999Z')];
    for (let draw = 0; draw < 10_000; draw += 1) instants.push(random.between(-2_000_000_000, 4_000_000_000) * 1000 + random.between(0, 999));
    for (const instant of instants) {
      expect(utcIso(instant)).toBe(new Date(instant).toISOString());
      expect(utcMillis(utcIso(instant))).toBe(instant);
    }
  });

  it('leaves years beyond four digits to Date#toISOString', () => {
    expect(utcIso(253_402_300_800_000)).toBe('+010000-01-01T00:00:00.000Z');
    expect(utcIso(-62_167_219_200_001)).toBe('-000001-12-31T23:59:59.999Z');
  });
});
