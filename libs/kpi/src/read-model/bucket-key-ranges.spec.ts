import { describe, expect, it } from '@jest/globals';

import { type BucketAddress, bucketKey } from '../engine/bucket-key.js';
import { DAY_MS, HOUR_MS } from '../engine/bucket-time.js';
import { MEASURES, MEASURE_IDS, type MeasureSpec, isReportOnly } from '../engine/measures.js';
import { sliceKey } from '../engine/slices.js';
import { type BucketKeyRange, bucketLineKeys, bucketRangesAsOf, heldBucketRanges } from './bucket-key-ranges.js';

const START = Date.parse('2026-03-02T10:00:00.000Z');
const SLICES = ['', sliceKey({ office: 'A' }), sliceKey({ office: 'A', transportMode: 'SEA' }), sliceKey({ office: 'Ü|&' })];

/** Bytewise, as SQLite's BINARY and PostgreSQL's "C" compare: the keys are ASCII, where UTF-16 order is byte order. */
const inRange = (key: string, range: BucketKeyRange): boolean => key >= range.from && key < range.to;

describe('bucket key ranges', () => {
  it("names one key per bucket start of the line in [from, to), in its slice only, the total's '' included", () => {
    for (const slice of SLICES) {
      expect(bucketLineKeys({ measure: 'examination', granularity: 'hour', slice }, START, START + 3 * HOUR_MS)).toEqual(
        [0, 1, 2].map((hours) => bucketKey({ measure: 'examination', granularity: 'hour', start: START + hours * HOUR_MS, slice })),
      );
    }
    const dayStart = START - 10 * HOUR_MS;
    expect(bucketLineKeys({ measure: 'duties', granularity: 'day', slice: '' }, dayStart, dayStart + 2 * DAY_MS)).toHaveLength(2);
    expect(bucketLineKeys({ measure: 'duties', granularity: 'day', slice: '' }, dayStart, dayStart)).toEqual([]);
  });

  it('holds from the horizons on every bucket of its measure and granularity, and nothing of the others', () => {
    const horizons = { hour: START, day: START - 10 * HOUR_MS };
    const ranges = heldBucketRanges(horizons);
    const heldBy = (address: BucketAddress): number => ranges.filter((range) => inRange(bucketKey(address), range)).length;

    expect(ranges).toHaveLength(MEASURE_IDS.reduce((sum, measure) => sum + MEASURES[measure].granularities.length, 0));
    for (const measure of MEASURE_IDS) {
      const { granularities } = MEASURES[measure] as MeasureSpec;
      // a report-only measure's days from the hour horizon's day (bucket-horizons.ts)
      const dayFrom = isReportOnly(measure) ? Math.floor(START / DAY_MS) * DAY_MS : horizons.day;
      for (const slice of SLICES) {
        const hourly = granularities.includes('hour') ? 1 : 0;
        expect(heldBy({ measure, granularity: 'hour', start: START, slice })).toBe(hourly);
        expect(heldBy({ measure, granularity: 'hour', start: Date.parse('9999-12-31T23:00:00.000Z'), slice })).toBe(hourly);
        expect(heldBy({ measure, granularity: 'hour', start: START - HOUR_MS, slice })).toBe(0);
        const daily = granularities.includes('day') ? 1 : 0;
        expect(heldBy({ measure, granularity: 'day', start: dayFrom, slice })).toBe(daily);
        expect(heldBy({ measure, granularity: 'day', start: dayFrom - DAY_MS, slice })).toBe(0);
      }
    }
    expect(MEASURE_IDS.filter(isReportOnly).length).toBeGreaterThan(0);
  });

  it("as of an epoch, leaves the report-only measures' lines out when asked to (EpochLoad.withoutReportMeasures)", () => {
    const horizons = { hour: START, day: START - 10 * HOUR_MS };
    const epoch = { newestEventAt: START + HOUR_MS, lastRecordedAt: START + HOUR_MS };
    const measuresOf = (ranges: BucketKeyRange[]): Set<string> => new Set(ranges.map(({ from }) => from.split('|')[0]!));
    const live = MEASURE_IDS.filter((measure) => !isReportOnly(measure));

    expect(measuresOf(bucketRangesAsOf(horizons, epoch))).toEqual(new Set(MEASURE_IDS));
    expect(measuresOf(bucketRangesAsOf(horizons, epoch, { withoutReportMeasures: false }))).toEqual(new Set(MEASURE_IDS));
    expect(measuresOf(bucketRangesAsOf(horizons, epoch, { withoutReportMeasures: true }))).toEqual(new Set(live));
    expect(live.length).toBeLessThan(MEASURE_IDS.length);
  });
});
