import { type TargetDefinition } from './strategic-target.js';
import { plainDateMs } from '../engine/utc-days.js';

/**
 * The value the plan expects at `atMs` (targets-and-reports.md, `expected`): piecewise linear in time (milliseconds)
 * through (`baseline.to`, baseline value), each milestone and (`deadline`, `target`); the baseline value before
 * `baseline.to`, the target from the deadline on.
 */
export function expectedValue(plan: Pick<TargetDefinition, 'baseline' | 'milestones' | 'deadline' | 'target'>, baselineValue: number, atMs: number): number {
  const points: [number, number][] = [
    [Date.parse(plan.baseline.to), baselineValue],
    ...plan.milestones.map(({ date, value }): [number, number] => [plainDateMs(date)!, value]),
    [plainDateMs(plan.deadline)!, plan.target],
  ];
  if (atMs < points[0]![0]) return baselineValue;
  for (let index = 1; index < points.length; index += 1) {
    const [toMs, toValue] = points[index]!;
    if (atMs >= toMs) continue;
    const [fromMs, fromValue] = points[index - 1]!;
    return fromValue + ((toValue - fromValue) * (atMs - fromMs)) / (toMs - fromMs);
  }
  return plan.target;
}
