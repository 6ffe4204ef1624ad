import { counterNumber } from '../engine/carried-counters.js';
import { RELEASE_TIME_BIN_HOURS } from '../engine/trs-measures.js';
import { type MergedDays } from './trs-day-figures.js';

/** One bin of the release-time distribution; `toHours` `null` for the last, open bin. */
export interface DistributionBin {
  readonly fromHours: number;
  readonly toHours: number | null;
  readonly count: number;
}

/** The distribution from the merged days of `releaseTimeBins` (one counter per bin, trs-measures.ts). */
export function distributionOf({ counters }: MergedDays): DistributionBin[] {
  return RELEASE_TIME_BIN_HOURS.map((fromHours, bin) => ({
    fromHours,
    toHours: RELEASE_TIME_BIN_HOURS[bin + 1] ?? null,
    count: counterNumber(counters, bin),
  }));
}
