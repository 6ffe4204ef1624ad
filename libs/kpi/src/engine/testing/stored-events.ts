import { type KpiId, validateEvent } from '@customs-pulse/domain';

import { type Granularity, bucketLength } from '../bucket-time.js';
import { type KpiEngineEvent } from '../engine-event.js';
import { KpiEngine, type KpiEngineOptions } from '../kpi-engine.js';
import { type KpiValue } from '../kpi-readers.js';
import { type KpiFilters } from '../slices.js';

/** A clock far enough ahead that no test event is refused as being from the future. */
const FAR_FUTURE = { now: () => new Date('2100-01-01T00:00:00.000Z') };

/**
 * A raw CloudEvent (as `anEvent.*` of `@customs-pulse/testing` builds it) as the store hands it to the engine:
 * validated and normalized, stored at `recordedAt` (by default at its own `time`, a lag of 0).
 * @throws Error when the event is not valid: a test must not feed the engine what ingest would refuse.
 */
export function stored(raw: Readonly<Record<string, unknown>>, recordedAt?: string): KpiEngineEvent {
  const validation = validateEvent(raw, { clock: FAR_FUTURE, reportingCurrency: 'USD' });
  if (!validation.ok) throw new Error(`invalid test event: ${JSON.stringify(validation.errors)}`);
  const { event } = validation;
  return { ...event, recordedAt: recordedAt ?? event.time };
}

/** An engine that applied `events` in the order given. */
export function engineGiven(
  events: readonly Readonly<Record<string, unknown>>[],
  options: KpiEngineOptions = {},
): KpiEngine {
  const engine = new KpiEngine(options);
  for (const event of events) engine.apply(stored(event));
  return engine;
}

/** The value of one bucket: the single point of a series over it. */
export function bucketValue(
  engine: KpiEngine,
  kpiId: KpiId,
  granularity: Granularity,
  start: string,
  filters: KpiFilters = {},
): KpiValue {
  const to = new Date(Date.parse(start) + bucketLength(granularity)).toISOString();
  const [point] = engine.series(kpiId, granularity, start, to, filters);
  if (point === undefined) throw new Error(`no point at ${start}`);
  return { value: point.value, n: point.n };
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
