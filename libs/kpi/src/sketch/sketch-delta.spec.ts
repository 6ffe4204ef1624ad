import { SeededRandom } from '@customs-pulse/testing';
import { describe, expect, it } from '@jest/globals';

import { QuantileSketch } from './quantile-sketch.js';
import { SketchDelta } from './sketch-delta.js';
import { AbsentObservationError } from './sketch-errors.js';

function sketchOf(values: readonly number[]): QuantileSketch {
  const sketch = new QuantileSketch();
  for (const value of values) sketch.add(value);
  return sketch;
}

describe('SketchDelta', () => {
  it('applied, leaves a sketch exactly as adding and removing each value on its own would (seeded property test)', () => {
    const random = new SeededRandom(7);
    for (let round = 0; round < 50; round += 1) {
      const held = Array.from({ length: random.between(0, 200) }, () => random.between(0, 10_000) / 100);
      const removed = held.filter(() => random.chance(0.3));
      const added = Array.from({ length: random.between(0, 200) }, () => random.between(0, 10_000) / 100);

      const oneByOne = sketchOf(held);
      for (const value of added) oneByOne.add(value);
      for (const value of removed) oneByOne.remove(value);
      // Recorded interleaved, as a replay would.
      const delta = new SketchDelta();
      const changes = [...removed.map((value) => [value, -1] as const), ...added.map((value) => [value, 1] as const)];
      for (const [value, sign] of random.shuffled(changes)) delta.record(value, sign);
      const applied = sketchOf(held);
      applied.applyDelta(delta);

      expect(applied.toJSON()).toEqual(oneByOne.toJSON());
      expect(applied.count).toBe(held.length - removed.length + added.length);
      expect(applied.quantile(0.9)).toBe(oneByOne.quantile(0.9));
    }
  });

  it('cancels an addition and a removal of the same value before they reach the sketch', () => {
    const sketch = sketchOf([1, 2]);
    const delta = new SketchDelta();
    delta.record(5, -1);
    delta.record(5, 1);
    delta.record(0, 1);
    delta.record(0, -1);
    sketch.applyDelta(delta);
    expect(sketch.toJSON()).toEqual(sketchOf([1, 2]).toJSON());
  });

  it('refuses to remove more than a bucket holds, and leaves the sketch unchanged', () => {
    const sketch = sketchOf([1, 2, 3]);
    const before = sketch.toJSON();
    const delta = new SketchDelta();
    delta.record(7, 1);
    delta.record(2, -1);
    delta.record(40, -1);
    expect(() => sketch.applyDelta(delta)).toThrow(AbsentObservationError);
    expect(sketch.toJSON()).toEqual(before);

    const zeros = new SketchDelta();
    zeros.record(0, -1);
    expect(() => sketch.applyDelta(zeros)).toThrow(AbsentObservationError);
    expect(sketch.toJSON()).toEqual(before);
  });

  it('refuses the values a sketch refuses', () => {
    const delta = new SketchDelta();
    expect(() => delta.record(-1, 1)).toThrow(RangeError);
    expect(() => delta.record(Number.NaN, -1)).toThrow(RangeError);
    expect(() => delta.record(Number.POSITIVE_INFINITY, 1)).toThrow(RangeError);
  });

  it('applies nothing once cleared', () => {
    const delta = new SketchDelta();
    delta.record(3, 1);
    delta.record(0, 1);
    delta.clear();
    const sketch = sketchOf([1]);
    sketch.applyDelta(delta);
    expect(sketch.toJSON()).toEqual(sketchOf([1]).toJSON());
  });
});
