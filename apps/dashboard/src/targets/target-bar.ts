import type { StrategicTarget } from '../api/api-types.js';

/** Where a target's bar is filled to and where its expected mark stands, as shares of the bar (0 to 1). */
export interface TargetBarGeometry {
  /** `progress` clamped to the bar: 0 at the baseline value (or worse), 1 at the target (or beyond). */
  readonly fill: number;
  /** The expected value on the same scale, or `null` when there is none to mark. */
  readonly expected: number | null;
}

/**
 * The bar runs from the baseline value (left) to the target (right), the scale of targets-and-reports.md's
 * `progress`, so that the expected value sits on it by the same formula and the gap between fill and mark is the
 * lead or lag on the plan, whichever the KPI's direction.
 */
export function targetBarGeometry(target: Pick<StrategicTarget, 'progress' | 'expected' | 'baselineValue' | 'target'>): TargetBarGeometry {
  const { progress, expected, baselineValue } = target;
  const span = baselineValue === null ? 0 : target.target - baselineValue;
  return {
    fill: progress === null ? 0 : clamp(progress),
    expected: expected === null || baselineValue === null || span === 0 ? null : clamp((expected - baselineValue) / span),
  };
}

function clamp(share: number): number {
  return Math.min(1, Math.max(0, share));
}
