import { givenEvents } from '@customs-pulse/testing/kpi';

import { type KpiEngine, type KpiEngineOptions } from '../kpi-engine.js';

// The engine specs' names for the shared KPI test support of libs/testing.
export { bucketValue, stored } from '@customs-pulse/testing/kpi';

/** An engine that applied `events` in the order given. */
export function engineGiven(
  events: readonly Readonly<Record<string, unknown>>[],
  options: KpiEngineOptions = {},
): KpiEngine {
  return givenEvents(...events).whenProjected(options).engine;
}

/** An instant in March 2026, UTC: `march(2, '10:00')` is `2026-03-02T10:00:00.000Z`; seconds may follow the minutes. */
export function march(day: number, time: string): string {
  const [hhmm = '', seconds = '00.000'] = time.length > 5 ? [time.slice(0, 5), time.slice(6)] : [time];
  return `2026-03-${String(day).padStart(2, '0')}T${hhmm}:${seconds.includes('.') ? seconds : `${seconds}.000`}Z`;
}

/** |actual - expected| / expected: percentiles may be estimated within 1% (kpis.md). */
export function relativeError(actual: number | null, expected: number): number {
  if (actual === null) return Number.POSITIVE_INFINITY;
  return Math.abs(actual - expected) / Math.abs(expected);
}
