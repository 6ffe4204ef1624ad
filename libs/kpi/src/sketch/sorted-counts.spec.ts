import { SeededRandom } from '@customs-pulse/testing';
import { describe, expect, it } from '@jest/globals';

import { SortedCounts } from './sorted-counts.js';

/** The entries as [index, count] pairs, ascending. */
function entries(counts: SortedCounts): [number, number][] {
  const { indexes, counts: values } = counts.ascending();
  return indexes.map((index, position) => [index, values[position]!]);
}

/** The plain way: a map, sorted when read. */
function reference(changes: readonly (readonly [number, number])[]): [number, number][] {
  const sums = new Map<number, number>();
  for (const [index, count] of changes) sums.set(index, (sums.get(index) ?? 0) + count);
  return [...sums].filter(([, count]) => count !== 0).sort((a, b) => a[0] - b[0]);
}

describe('SortedCounts', () => {
  it('keeps the sum of every count added at each index, ascending, without zeros (seeded property test)', () => {
    const random = new SeededRandom(17);
    for (let round = 0; round < 100; round += 1) {
      const changes = Array.from({ length: random.between(0, 300) }, () => [random.between(-40, 40), random.pick([-2, -1, 1, 3])] as const);
      const counts = new SortedCounts();
      for (const [index, count] of changes) counts.add(index, count);
      expect(entries(counts)).toEqual(reference(changes));
      expect(counts.size).toBe(reference(changes).length);
      for (const [index, count] of reference(changes)) expect(counts.get(index)).toBe(count);
    }
  });

  it('adds a whole other list, large or small, itself included', () => {
    const random = new SeededRandom(19);
    for (const [mine, theirs] of [[200, 5], [5, 200], [50, 50], [0, 10], [10, 0]] as const) {
      const a = Array.from({ length: mine }, () => [random.between(-100, 100), random.between(1, 5)] as const);
      const b = Array.from({ length: theirs }, () => [random.between(-100, 100), random.between(-5, 5)] as const);
      const counts = new SortedCounts();
      for (const [index, count] of a) counts.add(index, count);
      const other = new SortedCounts();
      for (const [index, count] of b) other.add(index, count);
      counts.addAll(other);
      expect(entries(counts)).toEqual(reference([...a, ...b]));
      counts.addAll(counts);
      expect(entries(counts)).toEqual(reference([...a, ...b, ...a, ...b]));
    }
  });

  it('clones into an independent copy, and restores from ascending entries', () => {
    const counts = SortedCounts.fromAscending([-3, 2, 40], [1, 2, 1]);
    const copy = counts.clone();
    copy.add(2, -2);
    expect(entries(counts)).toEqual([[-3, 1], [2, 2], [40, 1]]);
    expect(entries(copy)).toEqual([[-3, 1], [40, 1]]);
    counts.clear();
    expect(counts.size).toBe(0);
    expect(counts.get(40)).toBe(0);
  });
});
