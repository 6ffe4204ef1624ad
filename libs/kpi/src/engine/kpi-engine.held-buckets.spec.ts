import { describe, expect, it } from '@jest/globals';
import { SeededRandom } from '@customs-pulse/testing';

import { DAY_MS, bucketStart } from './bucket-time.js';
import { ColdBucketsNeededError } from './cold-buckets-needed-error.js';
import { KpiEngine } from './kpi-engine.js';
import { allSteps } from './steps.js';
import { type ColdState } from '../read-model/read-model.port.js';
import { trsReportOf } from '../reports/trs-report.js';
import { boundedBucketsEngineOf, TIGHT_BUCKETS } from './testing/bounded-buckets-engine.js';
import { FROM, HISTORY, TO, fingerprint, slicesUsed } from './testing/determinism-fixtures.js';

const LATER = Date.parse(TO) + 7 * DAY_MS;

describe('KpiEngine with bounded held buckets (architecture.md, guarantee 7)', () => {
  const reference = new KpiEngine();
  reference.applyAll(HISTORY);
  const slices = slicesUsed(reference);
  const expected = fingerprint(reference, slices);

  it('gives every series, current value and backlog of an engine that holds everything, reading the buckets it let go of', () => {
    const { engine, committed } = boundedBucketsEngineOf(HISTORY, new SeededRandom(1));

    expect(fingerprint(engine, slices, undefined, committed.bucketsBetween)).toEqual(expected);
    expect(engine.heldSubjects().buckets).toBeLessThan(reference.heldSubjects().buckets / 2);
  });

  it.each([2, 3])('gives the same values with the events in a random order, late events reading their buckets back (seed %i)', (seed) => {
    const random = new SeededRandom(seed);
    const { engine, committed, adopted } = boundedBucketsEngineOf(random.shuffled(HISTORY), random);

    expect(fingerprint(engine, slices, undefined, committed.bucketsBetween)).toEqual(expected);
    expect(adopted).toBeGreaterThan(100);
  });

  it('restores from the buckets after the stored horizons alone, and goes on as the engine it was', () => {
    const random = new SeededRandom(4);
    const shuffled = random.shuffled(HISTORY);
    const { committed } = boundedBucketsEngineOf(shuffled.slice(0, 1500), random);
    const hotOnly = committed.snapshot({ hot: true });
    expect(hotOnly.buckets.length).toBeLessThan(committed.snapshot().buckets.length / 2);

    const restored = KpiEngine.fromJSON(hotOnly);
    restored.boundHeldBuckets(TIGHT_BUCKETS);
    restored.applyAll(shuffled.slice(1500));
    restored.adoptColdBuckets(committed.bucketsNamed(restored.coldBucketKeys()));
    committed.write(restored.drainDirty());

    expect(fingerprint(restored, slices, undefined, committed.bucketsBetween)).toEqual(expected);
  });

  it('asks for the rows of the range before its horizon rather than answer from the buckets it holds', () => {
    const { engine, committed } = boundedBucketsEngineOf(HISTORY, new SeededRandom(5));
    const horizon = committed.snapshot({ hot: true }).bucketHorizons!;

    const asked = (): unknown => engine.series('release_time_mean', 'hour', FROM, TO, { office: 'UZ-TAS' });

    expect(asked).toThrow(ColdBucketsNeededError);
    expect(() => engine.overDays('backlog', FROM, new Date(horizon.day).toISOString())).toThrow(ColdBucketsNeededError);
    try {
      asked();
    } catch (error) {
      expect((error as ColdBucketsNeededError).range).toEqual({
        measure: 'releaseTime',
        granularity: 'hour',
        slice: 'office=UZ-TAS',
        from: Date.parse(FROM),
        to: horizon.hour,
      });
    }
    // From the horizon on, the buckets held answer alone.
    expect(() => engine.series('release_time_mean', 'hour', new Date(horizon.hour).toISOString(), TO)).not.toThrow();
  });

  it('is not drained while late events wait for their buckets, whose changes would be lost with the checkpoint moved past them', () => {
    const { engine } = boundedBucketsEngineOf(HISTORY, new SeededRandom(6));
    const lodged = HISTORY.find((event) => Date.parse(event.time) < Date.parse(TO) - 3 * DAY_MS && event.type === 'DeclarationLodged')!;

    // A declaration never seen, lodged days before the horizon: its lodgement goes to cold buckets.
    engine.apply({ ...lodged, id: 'late-lodgement', subject: 'D-LATE', position: 10_000_000 });

    expect(engine.coldBucketKeys().length).toBeGreaterThan(0);
    expect(() => engine.drainDirty()).toThrow(/cold buckets/);
  });

  it('changes nothing when a row read back does not decode, and goes on once the rows do', () => {
    const random = new SeededRandom(7);
    const shuffled = random.shuffled(HISTORY);
    const { engine, committed } = boundedBucketsEngineOf(shuffled.slice(0, 1500), random);
    engine.applyAll(shuffled.slice(1500));
    const keys = engine.coldBucketKeys();
    const rows = committed.bucketsNamed(keys);

    expect(() => engine.adoptColdBuckets([...rows, { ...rows[0]!, start: 'not a time' }])).toThrow(/not the start/);
    expect(engine.coldBucketKeys()).toEqual(keys);
    engine.adoptColdBuckets(rows);
    committed.write(engine.drainDirty());

    expect(fingerprint(engine, slices, undefined, committed.bucketsBetween)).toEqual(expected);
  });

  it('adopts what it reads back a bucket or a waiting observation per step, a query between two steps changing nothing of the end', () => {
    const random = new SeededRandom(8);
    const shuffled = random.shuffled(HISTORY);
    const { engine, committed } = boundedBucketsEngineOf(shuffled.slice(0, 1500), random);
    engine.applyAll(shuffled.slice(1500));
    const rows = committed.bucketsNamed(engine.coldBucketKeys());

    const steps = engine.adoptReadBackInSteps(allSteps(KpiEngine.readBackInSteps(rows)));
    let taken = 0;
    for (let step = steps.next(); step.done !== true; step = steps.next()) {
      taken += 1;
      // A query once some waiting observations are applied flushes them; the steps after it go on from there.
      if (taken === rows.length + 100) fingerprint(engine, slices, undefined, committed.bucketsBetween);
    }
    committed.write(engine.drainDirty());

    // A step per bucket read back, then one per observation that waited for them (some thousands here).
    expect(taken).toBeGreaterThan(rows.length + 1_000);
    expect(fingerprint(engine, slices, undefined, committed.bucketsBetween)).toEqual(expected);
  });

  it('lets go of no bucket while it is dirty, and of every one before the horizons once committed', () => {
    const engine = new KpiEngine();
    engine.boundHeldBuckets(TIGHT_BUCKETS);
    engine.applyAll(HISTORY);

    expect(engine.letGoOfColdBuckets(LATER)).toBe(0);
    engine.drainDirty();
    engine.drainChanges();
    const letGo = engine.letGoOfColdBuckets(LATER);

    expect(letGo).toBe(reference.heldSubjects().buckets);
    expect(engine.heldSubjects().buckets).toBe(0);
  });
});

describe('KpiEngine with bounded held buckets: the report-only measures (the TRS daily aggregates)', () => {
  const period = { from: Date.parse(FROM), to: Date.parse(TO) };

  it('holds their daily buckets only from the hour horizon\'s day, and a TRS report reading the rest back answers as an engine that holds everything', async () => {
    const { engine, committed } = boundedBucketsEngineOf(HISTORY, new SeededRandom(4));
    const reference = new KpiEngine();
    reference.applyAll(HISTORY);

    const { buckets, bucketHorizons } = engine.toJSON();
    const hourDay = bucketStart(bucketHorizons!.hour, 'day');
    const heldBefore = (measure: string): number => buckets.filter((row) => row.measure === measure && row.granularity === 'day' && Date.parse(row.start) < hourDay).length;
    // releaseTime keeps its days back to the day horizon; its report-only neighbours do not
    expect(heldBefore('releaseTime')).toBeGreaterThan(0);
    expect(heldBefore('releaseTimeBins') + heldBefore('segment:lodgement>lane_assignment') + heldBefore('releaseTimeGreen')).toBe(0);

    // The engine holds every declaration here: the outliers come from memory, and no cold one is stored.
    const cold: Pick<ColdState, 'bucketsBetween' | 'longestReleasedIn'> = {
      bucketsBetween: async (line, from, to) => [...committed.bucketsBetween({ ...line, from, to })],
      longestReleasedIn: async function* () {},
    };
    const report = await trsReportOf(engine, cold as ColdState, { period, filters: {}, position: 1 });
    expect(report).toEqual(await trsReportOf(reference, null, { period, filters: {}, position: 1 }));
    expect(report.overall.n).toBeGreaterThan(0);
  });
});
