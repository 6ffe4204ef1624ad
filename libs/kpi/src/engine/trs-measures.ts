import { type Lane } from '@customs-pulse/domain';

import { TRS_MILESTONES, type TrsMilestone } from '../declarations/trs-segments.js';
import { type Granularity } from './bucket-time.js';

/**
 * The TRS report's per-UTC-day aggregates (targets-and-reports.md; README, "The TRS report from days"): measures of the
 * release-time population kept in daily buckets only, beside `releaseTime` (overall figures, trend, and the office,
 * transport mode and regime breakdowns, which are its slices). A report merges the days of its period, exactly for
 * counts and sums, within the sketch's accuracy for medians and p90.
 */

const DAY_ONLY: readonly Granularity[] = ['day'];

/** Release times of one breakdown key: count, sum in milliseconds, and a sketch of the hours. */
const RELEASE_TIMES = { fields: ['n', 'sumMs'], sketch: true, granularities: DAY_ONLY, reportOnly: true } as const;

/** The lower bounds of the release-time distribution's bins, in hours (targets-and-reports.md). */
export const RELEASE_TIME_BIN_HOURS = [0, 1, 2, 4, 8, 12, 24, 48, 72, 168] as const;

/** The bin of each release time, one counter per bin. */
const RELEASE_TIME_BINS = {
  fields: ['from0h', 'from1h', 'from2h', 'from4h', 'from8h', 'from12h', 'from24h', 'from48h', 'from72h', 'from168h'],
  sketch: false,
  granularities: DAY_ONLY,
  reportOnly: true,
} as const;

/** A TRS segment by its milestones, as the measures name it: `arrival>lodgement`. */
export type SegmentName = `${TrsMilestone}>${TrsMilestone}`;

/** Every (from, to) pair of milestones in TRS order: the segments a declaration can have, known ones being neighbours. */
export const SEGMENT_NAMES: readonly SegmentName[] = TRS_MILESTONES.flatMap((from, index) =>
  TRS_MILESTONES.slice(index + 1).map((to): SegmentName => `${from}>${to}`),
);

/**
 * A segment's durations that are not negative, and apart those that are (a lodgement before arrival), as magnitudes:
 * a sketch holds values of one sign only, and the median of the two is read from both (signed-median.ts).
 */
const SEGMENT_DURATIONS = { fields: ['n', 'sumMs'], sketch: true, granularities: DAY_ONLY, reportOnly: true } as const;

export type SegmentMeasureId = `segment:${SegmentName}` | `negativeSegment:${SegmentName}`;

export const SEGMENT_MEASURES = Object.fromEntries(
  SEGMENT_NAMES.flatMap((name) => [
    [`segment:${name}`, SEGMENT_DURATIONS],
    [`negativeSegment:${name}`, SEGMENT_DURATIONS],
  ]),
) as Record<SegmentMeasureId, typeof SEGMENT_DURATIONS>;

/** The TRS measures that are not segments, by id (ids appear in persisted bucket keys: do not rename). */
export const TRS_MEASURES = {
  releaseTimeBins: RELEASE_TIME_BINS,
  releaseTimeGreen: RELEASE_TIMES,
  releaseTimeYellow: RELEASE_TIMES,
  releaseTimeRed: RELEASE_TIMES,
  releaseTimeBlue: RELEASE_TIMES,
  releaseTimeAeo: RELEASE_TIMES,
  releaseTimeNotAeo: RELEASE_TIMES,
  releaseTimePreArrival: RELEASE_TIMES,
  releaseTimeNotPreArrival: RELEASE_TIMES,
} as const;

/** The measure of each final lane's release times. */
export const LANE_MEASURE = {
  GREEN: 'releaseTimeGreen',
  YELLOW: 'releaseTimeYellow',
  RED: 'releaseTimeRed',
  BLUE: 'releaseTimeBlue',
} as const satisfies Record<Lane, keyof typeof TRS_MEASURES>;

/** The measures of a yes-or-no attribute's release times, by its value. */
export const AEO_MEASURE = { true: 'releaseTimeAeo', false: 'releaseTimeNotAeo' } as const;
export const PRE_ARRIVAL_MEASURE = { true: 'releaseTimePreArrival', false: 'releaseTimeNotPreArrival' } as const;
