import { type KpiDirection } from '@customs-pulse/domain';

import { type KpiValue } from '../engine/kpi-readers.js';
import { expectedValue } from './expected-value.js';
import { type TargetDefinition, type TargetStanding, type TargetStatus } from './strategic-target.js';

/** The KPI values a target's standing is judged on. */
export interface TargetReadings {
  /** The KPI over the baseline period. */
  readonly baseline: KpiValue;
  /** The KPI over the last `TARGET_WINDOW_DAYS` UTC days, today's included. */
  readonly recent: KpiValue;
}

/** Whether `value` is at or beyond `than` in the KPI's good direction. */
function atOrBeyond(value: number, than: number, direction: KpiDirection): boolean {
  return direction === 'up' ? value >= than : value <= than;
}

/**
 * A target's progress, expected value and status at `atMs` (targets-and-reports.md, "Progress"). Pure: the readings
 * come from the KPI engine, `minObservations` is `ALERT_MIN_OBSERVATIONS`.
 */
export function targetStanding(
  plan: TargetDefinition,
  direction: KpiDirection,
  { baseline, recent }: TargetReadings,
  atMs: number,
  minObservations: number,
): TargetStanding {
  const figures = { baselineValue: baseline.value, baselineN: baseline.n, recentValue: recent.value, recentN: recent.n };
  // The baseline value was there when the target was set; a replay (asOf) or a rebuild can still lack it.
  if (baseline.value === null) return { ...figures, expected: null, progress: null, status: 'insufficient_data' };
  const expected = expectedValue(plan, baseline.value, atMs);
  // The baseline value is read anew each time, so late events (or an asOf) can bring it to the target itself: then
  // there is no way from one to the other to measure along, and progress is null rather than ±Infinity or NaN.
  // `+ 0` turns the -0 of a recent value equal to the baseline, where lower is better, into 0.
  const span = plan.target - baseline.value;
  const progress = recent.value === null || span === 0 ? null : (recent.value - baseline.value) / span + 0;
  return { ...figures, expected, progress, status: statusOf(plan.target, baseline.value, recent, expected, direction, Math.min(baseline.n, recent.n) < minObservations) };
}

function statusOf(target: number, baselineValue: number, recent: KpiValue, expected: number, direction: KpiDirection, tooFew: boolean): TargetStatus {
  if (recent.value === null || tooFew) return 'insufficient_data';
  if (atOrBeyond(recent.value, target, direction)) return 'achieved';
  if (atOrBeyond(recent.value, expected, direction)) return 'on_track';
  // Worse than the baseline: strictly beyond it in the bad direction.
  if (!atOrBeyond(recent.value, baselineValue, direction)) return 'off_track';
  return 'at_risk';
}
