import { SeededRandom } from '@customs-pulse/testing';
import { describe, expect, it } from '@jest/globals';

import { QuantileSketch } from '../sketch/index.js';
import { BucketStore } from './bucket-store.js';
import { type Granularity, bucketStart } from './bucket-time.js';
import { MEASURES, type MeasureId } from './measures.js';
import { type Observation } from './observation.js';
import { allSteps } from './steps.js';
import { declarationSlices, officeSlices } from './slices.js';

const START = Date.parse('2026-03-01T00:00:00.000Z');
const HOUR = 3_600_000;

/** What each bucket should hold, kept the plain way: every observation added to every one of its buckets. */
class ReferenceBuckets {
  readonly values = new Map<string, number[]>();
  readonly samples = new Map<string, number[]>();

  apply(observation: Observation, sign: 1 | -1): void {
    for (const granularity of MEASURES[observation.measure].granularities) {
      for (const slice of observation.slices) {
        const key = `${observation.measure}|${granularity}|${bucketStart(observation.at, granularity)}|${slice}`;
        const values = this.values.get(key) ?? observation.values.map(() => 0);
        observation.values.forEach((value, index) => (values[index]! += sign * value));
        this.values.set(key, values);
        if (observation.sample === null) continue;
        const samples = this.samples.get(key) ?? [];
        if (sign === 1) samples.push(observation.sample);
        else samples.splice(samples.indexOf(observation.sample), 1);
        this.samples.set(key, samples);
      }
    }
  }
}

function randomObservation(random: SeededRandom): Observation {
  const at = START + random.between(0, 72) * HOUR + random.between(0, HOUR - 1);
  const office = random.pick(['O1', 'O2', null]);
  switch (random.pick(['releaseTime', 'lodgement', 'backlog', 'duties'] as const)) {
    case 'releaseTime': {
      const ms = random.between(0, 40) * HOUR + random.between(0, 999);
      const slices = declarationSlices(office, random.pick(['ROAD', null]), random.pick(['IMPORT', null]));
      return { measure: 'releaseTime', at, slices, values: [1, ms, ms <= 24 * HOUR ? 1 : 0], sample: ms / HOUR };
    }
    case 'lodgement':
      return { measure: 'lodgement', at, slices: declarationSlices(office, 'SEA', null), values: [1, 1, 0, 1, 500, 25, 0, 0], sample: null };
    case 'backlog':
      return { measure: 'backlog', at, slices: declarationSlices(office, null, 'EXPORT'), values: [random.pick([1, -1])], sample: null };
    case 'duties':
      return { measure: 'duties', at, slices: officeSlices(office), values: [1, random.between(0, 900), 5, 0, 0, 0, 0, 0], sample: null };
  }
}

describe('BucketStore', () => {
  it('reads every bucket exactly as if each observation had been applied to it on its own (seeded property test)', () => {
    const random = new SeededRandom(11);
    const store = new BucketStore();
    const reference = new ReferenceBuckets();
    const held: Observation[] = [];
    for (let step = 0; step < 3000; step += 1) {
      // Removals mirror earlier additions, as a declaration's changed contributions do.
      const removal = held.length > 0 && random.chance(0.3);
      const observation = removal ? held.splice(random.between(0, held.length - 1), 1)[0]! : randomObservation(random);
      if (!removal) held.push(observation);
      store.apply(observation, removal ? -1 : 1);
      reference.apply(observation, removal ? -1 : 1);
      // Reads flush what is pending: some in the middle, most at the end.
      if (random.chance(0.01)) store.line('releaseTime', 'hour', '');
    }

    expect(reference.values.size).toBeGreaterThan(500);
    for (const [key, values] of reference.values) {
      const [measure, granularity, start, slice] = key.split('|') as [MeasureId, Granularity, string, string];
      const bucket = store.line(measure, granularity, slice)?.at(Number(start));
      expect(Array.from(bucket?.values ?? [])).toEqual(values);
      const samples = reference.samples.get(key);
      if (samples === undefined) continue;
      const expected = new QuantileSketch();
      for (const sample of samples) expected.add(sample);
      expect(bucket?.sketch?.toJSON() ?? expected.toJSON()).toEqual(expected.toJSON());
    }
  });

  it('drains in steps, a pending group flushed per step, and a read or an observation between two steps loses nothing', () => {
    const random = new SeededRandom(12);
    const store = new BucketStore();
    const reference = new ReferenceBuckets();
    const applyRandom = (count: number): void => {
      for (let index = 0; index < count; index += 1) {
        const observation = randomObservation(random);
        store.apply(observation, 1);
        reference.apply(observation, 1);
      }
    };
    applyRandom(500);

    const steps = store.drainDirtyInSteps();
    for (let step = 0; step < 10; step += 1) expect(steps.next().done).toBe(false);
    applyRandom(100);
    for (let step = 0; step < 5; step += 1) expect(steps.next().done).toBe(false);
    store.line('releaseTime', 'hour', '');
    const drained = allSteps(steps);

    expect(new Set(drained).size).toBe(drained.length);
    expect(drained.length).toBe(reference.values.size);
    for (const [key, values] of reference.values) {
      const [measure, granularity, start, slice] = key.split('|') as [MeasureId, Granularity, string, string];
      expect(Array.from(store.line(measure, granularity, slice)?.at(Number(start))?.values ?? [])).toEqual(values);
    }
  });

  it('restores persisted buckets with their counters in its arena, as it keeps the buckets it makes, and reads them back as stored', () => {
    const made = new BucketStore();
    const random = new SeededRandom(11);
    for (let index = 0; index < 200; index += 1) made.apply(randomObservation(random), 1);
    const persisted = [...made.all()].map((bucket) => bucket.toJSON());

    const restored = new BucketStore();
    for (const json of persisted) restored.restoreJson(json);

    const buckets = [...restored.all()];
    expect(buckets.map((bucket) => bucket.toJSON())).toEqual(expect.arrayContaining(persisted));
    expect(buckets).toHaveLength(persisted.length);
    // One arena's buffer for all of them, where buckets of their own would each hold a buffer.
    expect(new Set(buckets.map((bucket) => bucket.values.buffer)).size).toBe(1);
  });

  it('reports each touched bucket once until drained, in the order they were first touched', () => {
    const store = new BucketStore();
    const first: Observation = { measure: 'duties', at: START, slices: officeSlices('O1'), values: [1, 1, 0, 0, 0, 0, 0, 0], sample: null };
    const second: Observation = { ...first, at: START + 2 * HOUR, slices: officeSlices('O2') };
    store.apply(first, 1);
    store.apply(second, 1);
    store.apply(first, 1);
    const address = (bucket: { granularity: string; start: number; slice: string }) =>
      `${bucket.granularity} ${new Date(bucket.start).toISOString()} ${bucket.slice}`;

    expect(store.drainDirty().map(address)).toEqual([
      'hour 2026-03-01T00:00:00.000Z ',
      'hour 2026-03-01T00:00:00.000Z office=O1',
      'day 2026-03-01T00:00:00.000Z ',
      'day 2026-03-01T00:00:00.000Z office=O1',
      'hour 2026-03-01T02:00:00.000Z ',
      'hour 2026-03-01T02:00:00.000Z office=O2',
      'day 2026-03-01T00:00:00.000Z office=O2',
    ]);
    expect(store.drainDirty()).toEqual([]);
    expect(store.drainChanged()).toHaveLength(7);
  });

  it('reports a bucket whose observations cancel out as touched, and keeps it', () => {
    const store = new BucketStore();
    const lodged: Observation = { measure: 'backlog', at: START, slices: officeSlices(null), values: [1], sample: null };
    store.apply(lodged, 1);
    store.apply(lodged, -1);
    expect(store.drainDirty().map((bucket) => Array.from(bucket.values))).toEqual([[0]]);
    expect(store.line('backlog', 'hour', '')?.size).toBe(1);
  });
});
