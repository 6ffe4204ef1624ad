import { HOUR_MS } from '../engine/bucket-time.js';

/** One bin of the release-time distribution; `toHours` `null` for the last, open bin. */
export interface DistributionBin {
  readonly fromHours: number;
  readonly toHours: number | null;
  readonly count: number;
}

/** The bins' lower bounds in hours (targets-and-reports.md): each bin holds its lower bound, not its upper. */
const LOWER_BOUNDS_HOURS = [0, 1, 2, 4, 8, 12, 24, 48, 72, 168] as const;


/** Counts of release times per bin, compared in integer milliseconds so that a bound is never missed by rounding. */
export class ReleaseTimeBins {
  private readonly counts = LOWER_BOUNDS_HOURS.map(() => 0);

  add(releaseMs: number): void {
    let bin = LOWER_BOUNDS_HOURS.length - 1;
    while (bin > 0 && releaseMs < LOWER_BOUNDS_HOURS[bin]! * HOUR_MS) bin -= 1;
    this.counts[bin]! += 1;
  }

  toJSON(): DistributionBin[] {
    return LOWER_BOUNDS_HOURS.map((fromHours, bin) => ({
      fromHours,
      toHours: LOWER_BOUNDS_HOURS[bin + 1] ?? null,
      count: this.counts[bin]!,
    }));
  }
}
