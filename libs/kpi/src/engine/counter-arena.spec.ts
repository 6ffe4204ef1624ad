import { describe, expect, it } from '@jest/globals';

import { CounterArena } from './counter-arena.js';

describe('CounterArena', () => {
  it('hands out runs of zeros that do not overlap, never across two arrays', () => {
    const arena = new CounterArena(10);
    const slots = [arena.take(4), arena.take(4), arena.take(4), arena.take(3)];
    for (const { array, offset } of slots) array.fill(7, offset, offset + 3);
    expect(slots.map(({ offset }) => offset)).toEqual([0, 4, 0, 4]);
    expect(slots[0]!.array).toBe(slots[1]!.array);
    expect(slots[2]!.array).not.toBe(slots[1]!.array);
    expect(Array.from(slots[0]!.array)).toEqual([7, 7, 7, 0, 7, 7, 7, 0, 0, 0]);
  });

  it('once cleared, hands out the same runs again, all back to 0', () => {
    const arena = new CounterArena(10);
    const first = [arena.take(6), arena.take(6)];
    for (const { array, offset } of first) array.fill(1, offset, offset + 6);
    arena.clear();
    const again = [arena.take(6), arena.take(6)];
    expect(again.map(({ array, offset }) => [array, offset])).toEqual(first.map(({ array, offset }) => [array, offset]));
    for (const { array, offset } of again) expect(Array.from(array.subarray(offset, offset + 6))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('hands out a run given back again, of the same length only, back to 0, before taking new room', () => {
    const arena = new CounterArena(10);
    const kept = arena.take(3);
    const given = arena.take(3);
    given.array.fill(9, given.offset, given.offset + 3);
    arena.giveBack(given, 3);
    const other = arena.take(2);
    const again = arena.take(3);
    expect(other.offset).toBe(6);
    expect([again.array, again.offset]).toEqual([given.array, given.offset]);
    expect(Array.from(again.array.subarray(again.offset, again.offset + 3))).toEqual([0, 0, 0]);
    expect(kept.offset).toBe(0);
  });
});
