import { kpiById } from '@customs-pulse/domain';

import { type OverDaysReader } from '../projection/cold-bucket-reads.js';
import { type StrategicTarget, type TargetProgress } from './strategic-target.js';
import { DAY_MS, bucketStart } from '../engine/bucket-time.js';
import { midnightIso } from '../engine/utc-days.js';
import { targetStanding } from './target-standing.js';

/** The settings a target's progress depends on. */
export interface TargetSettings {
  /** `TARGET_WINDOW_DAYS`: UTC days of the recent value, today's included. @defaultValue 30 */
  readonly windowDays: number;
  /** `ALERT_MIN_OBSERVATIONS`: fewer observations behind either value is `insufficient_data`. @defaultValue 20 */
  readonly minObservations: number;
}

/** targets-and-reports.md's defaults. */
export const DEFAULT_TARGET_SETTINGS: TargetSettings = { windowDays: 30, minObservations: 20 };

/**
 * A target with its progress at `now`: the baseline value over its period and the recent value over the days
 * [today - (windowDays - 1), today + 1), each merged exactly. A baseline a year back is read from the read model
 * (cold-bucket-reads.ts): the caller keeps the engine still until this settles.
 */
export async function targetProgress(read: OverDaysReader, target: StrategicTarget, now: string, settings: TargetSettings): Promise<TargetProgress> {
  const nowMs = Date.parse(now);
  const tomorrow = bucketStart(nowMs, 'day') + DAY_MS;
  const baseline = await read(target.kpiId, target.baseline.from, target.baseline.to, target.filters);
  const recent = await read(target.kpiId, midnightIso(tomorrow - settings.windowDays * DAY_MS), midnightIso(tomorrow), target.filters);
  return { ...target, ...targetStanding(target, kpiById(target.kpiId).direction, { baseline, recent }, nowMs, settings.minObservations) };
}
