import { describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';

import { bucketKey } from '../../engine/bucket-key.js';
import { type BucketJson } from '../../engine/buckets.js';
import { type BucketHorizonsJson, type KpiEngineSnapshot } from '../../engine/engine-snapshot.js';
import { KpiEngine } from '../../engine/kpi-engine.js';
import { sliceKey } from '../../engine/slices.js';
import { stored } from '../../engine/testing/stored-events.js';
import { type BucketLineAddress, type ColdState, type KpiReadModel } from '../read-model.port.js';

const march = (day: number, hour: number): number => Date.UTC(2026, 2, day, hour);
const HOT = { openMaxDays: 7, recentSince: march(3, 0) };

/**
 * Buckets of several measures, hours and days, in the offices 'A' and 'AB': 'office=A' is a prefix of the slices of
 * 'AB' and of every finer slice of 'A', which a read by slice must tell apart.
 */
const history: KpiEngineSnapshot = (() => {
  const engine = new KpiEngine();
  const hours = [march(1, 10), march(2, 9), march(2, 10), march(2, 11), march(2, 12), march(3, 10)];
  for (const officeId of ['A', 'AB']) {
    for (const hour of hours) {
      const subject = `D-${officeId}-${hour}`;
      engine.apply(stored(anEvent.goodsArrived(subject, { officeId }, { time: new Date(hour).toISOString() })));
      engine.apply(stored(anEvent.declarationLodged(subject, { officeId }, { time: new Date(hour + 60_000).toISOString() })));
    }
  }
  return engine.drainDirty();
})();

const SLICES = ['office=A', 'office=AB'];
const HORIZONS: BucketHorizonsJson = { hour: march(2, 11), day: march(2, 0), backlogBefore: { '': 8, 'office=A': 4 }, slices: SLICES };
const LATER_HORIZONS: BucketHorizonsJson = { hour: march(3, 10), day: march(3, 0), backlogBefore: { '': 10, 'office=AB': 5 }, slices: SLICES };

const keyOf = (bucket: BucketJson): string => bucketKey({ ...bucket, start: Date.parse(bucket.start) });
const byKey = (buckets: readonly BucketJson[]): BucketJson[] => [...buckets].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
const startsAtOrAfter = (bucket: BucketJson, horizons: BucketHorizonsJson): boolean => Date.parse(bucket.start) >= horizons[bucket.granularity];

/** The history's buckets of `line` starting in [from, to), by start: what `bucketsBetween` must answer. */
function lineOf(line: BucketLineAddress, from: number, to: number): BucketJson[] {
  const inLine = history.buckets.filter(
    (bucket) => bucket.measure === line.measure && bucket.granularity === line.granularity && bucket.slice === line.slice,
  );
  return byKey(inLine.filter((bucket) => Date.parse(bucket.start) >= from && Date.parse(bucket.start) < to));
}

/** The history, its buckets in reverse key order, so that an order read back is the read model's own. */
function historyWith(bucketHorizons?: BucketHorizonsJson | null): KpiEngineSnapshot {
  return { ...history, buckets: byKey(history.buckets).reverse(), ...(bucketHorizons === undefined ? {} : { bucketHorizons }) };
}

/** A commit of nothing but the horizons given (or none). */
function onlyHorizons(bucketHorizons?: BucketHorizonsJson | null): KpiEngineSnapshot {
  return { declarations: [], cases: [], buckets: [], quality: history.quality, ...(bucketHorizons === undefined ? {} : { bucketHorizons }) };
}

/**
 * The bucket horizons a read model keeps with its checkpoint, the buckets a hot `load` leaves on disk, and the cold
 * bucket reads (read-model.port.ts): part of {@link kpiReadModelContract}, for read models that keep subjects.
 */
export function coldBucketsContract(openReadModel: () => Promise<KpiReadModel>): void {
  const coldOf = (readModel: KpiReadModel): ColdState => {
    expect(readModel.cold).toBeDefined();
    return readModel.cold!;
  };

  describe('cold buckets', () => {
    it('stores the horizons a commit brings, keeps them through a commit without, and clears them with null', async () => {
      const readModel = await openReadModel();
      const horizonsLoaded = async (): Promise<BucketHorizonsJson | null> => (await (await openReadModel()).load(HOT)).snapshot?.bucketHorizons ?? null;

      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 1, dirty: historyWith(HORIZONS) });
      expect(await horizonsLoaded()).toEqual(HORIZONS);
      await readModel.commit({ expectedCheckpoint: 1, checkpoint: 2, dirty: onlyHorizons() });
      expect(await horizonsLoaded()).toEqual(HORIZONS);
      await readModel.commit({ expectedCheckpoint: 2, checkpoint: 3, dirty: onlyHorizons(LATER_HORIZONS) });
      expect(await horizonsLoaded()).toEqual(LATER_HORIZONS);
      await readModel.commit({ expectedCheckpoint: 3, checkpoint: 4, dirty: onlyHorizons(null) });
      expect(await horizonsLoaded()).toBeNull();
      expect(byKey((await readModel.load(HOT)).snapshot!.buckets)).toEqual(byKey(history.buckets));
    });

    it('loads with a hot selection the hourly buckets from the hour horizon on, the daily ones from the day horizon on, and the horizons', async () => {
      const readModel = await openReadModel();
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 1, dirty: historyWith(HORIZONS) });

      const { snapshot } = await (await openReadModel()).load(HOT);

      const held = history.buckets.filter((bucket) => startsAtOrAfter(bucket, HORIZONS));
      const granularitiesOf = (buckets: readonly BucketJson[]): Set<string> => new Set(buckets.map((bucket) => bucket.granularity));
      // Some of each granularity on each side of its horizon, of more than one measure.
      expect(granularitiesOf(held)).toEqual(new Set(['hour', 'day']));
      expect(granularitiesOf(history.buckets.filter((bucket) => !startsAtOrAfter(bucket, HORIZONS)))).toEqual(new Set(['hour', 'day']));
      expect(new Set(held.map((bucket) => bucket.measure)).size).toBeGreaterThan(1);
      expect(byKey(snapshot!.buckets)).toEqual(byKey(held));
      expect(snapshot!.bucketHorizons).toEqual(HORIZONS);
      expect(snapshot!.quality).toEqual(history.quality);
    });

    it('refuses to load with a hot selection horizons written before they named their slices: the app rebuilds such a read model', async () => {
      const readModel = await openReadModel();
      const { slices: _slices, ...unnamed } = HORIZONS;
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 1, dirty: historyWith(unnamed) });

      await expect((await openReadModel()).load(HOT)).rejects.toMatchObject({
        name: 'KpiReadModelUnloadableError',
        message: expect.stringMatching(/was written before its bucket horizons named their slices and is rebuilt$/),
      });
      // A load of every bucket needs no horizons: it loads meanwhile.
      const { snapshot } = await (await openReadModel()).load();
      expect(byKey(snapshot!.buckets)).toEqual(byKey(history.buckets));
    });

    it('loads without a hot selection every bucket and no horizons, an engine holding every bucket carrying no backlog', async () => {
      const readModel = await openReadModel();
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 1, dirty: historyWith(HORIZONS) });

      const { snapshot } = await (await openReadModel()).load();

      expect(byKey(snapshot!.buckets)).toEqual(byKey(history.buckets));
      expect(snapshot!.bucketHorizons ?? null).toBeNull();
    });

    it('loads with a hot selection every bucket when no horizons were ever stored', async () => {
      const readModel = await openReadModel();
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 1, dirty: historyWith() });

      const { snapshot } = await (await openReadModel()).load(HOT);

      expect(byKey(snapshot!.buckets)).toEqual(byKey(history.buckets));
      expect(snapshot!.bucketHorizons ?? null).toBeNull();
    });

    it('reads back the stored buckets named, and leaves out the keys never stored', async () => {
      const readModel = await openReadModel();
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 1, dirty: historyWith() });
      const named = [history.buckets[0]!, history.buckets.at(-1)!, history.buckets.find((bucket) => bucket.granularity === 'day')!];
      const neverStored = bucketKey({ measure: 'lodgement', granularity: 'hour', start: march(1, 3), slice: '' });

      const found = await coldOf(await openReadModel()).bucketsNamed([...named.map(keyOf), neverStored]);

      expect(byKey(found)).toEqual(byKey(named));
      expect(await coldOf(readModel).bucketsNamed([])).toEqual([]);
    });

    it('reads the buckets of one line starting in [from, to), by start, of no other slice, measure or granularity', async () => {
      const readModel = await openReadModel();
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 1, dirty: historyWith() });
      const cold = coldOf(await openReadModel());
      const slices = ['', sliceKey({ office: 'A' }), sliceKey({ office: 'AB' }), sliceKey({ office: 'A', transportMode: 'ROAD' })];

      for (const slice of slices) {
        const line: BucketLineAddress = { measure: 'lodgement', granularity: 'hour', slice };
        const between = await cold.bucketsBetween(line, march(2, 10), march(2, 12));

        expect(between.map((bucket) => bucket.start)).toEqual(['2026-03-02T10:00:00.000Z', '2026-03-02T11:00:00.000Z']);
        expect(between.map((bucket) => bucket.slice)).toEqual([slice, slice]);
        expect(between).toEqual(lineOf(line, march(2, 10), march(2, 12)));
      }
      const days: BucketLineAddress = { measure: 'lodgement', granularity: 'day', slice: sliceKey({ office: 'A' }) };
      expect(await cold.bucketsBetween(days, march(1, 0), march(3, 0))).toEqual(lineOf(days, march(1, 0), march(3, 0)));
      expect((await cold.bucketsBetween(days, march(1, 0), march(3, 0))).map((bucket) => bucket.start)).toEqual([
        '2026-03-01T00:00:00.000Z',
        '2026-03-02T00:00:00.000Z',
      ]);
      expect(await cold.bucketsBetween(days, march(2, 1), march(3, 0))).toEqual([]);
    });
  });
}
