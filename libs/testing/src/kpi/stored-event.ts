import { validateEvent } from '@customs-pulse/domain';
import type { KpiEngineEvent } from '@customs-pulse/kpi';

/** A clock far enough ahead that no test event is refused as being from the future. */
const FAR_FUTURE = { now: () => new Date('2100-01-01T00:00:00.000Z') };

/**
 * A raw CloudEvent (as `anEvent.*` builds it) as the store hands it to the KPI engine: validated and normalized,
 * stored at `recordedAt` (by default at its own `time`, a lag of 0).
 * @throws Error when the event is not valid: a test must not feed the engine what ingest would refuse.
 */
export function stored(raw: Readonly<Record<string, unknown>>, recordedAt?: string): KpiEngineEvent {
  const validation = validateEvent(raw, { clock: FAR_FUTURE, reportingCurrency: 'USD' });
  if (!validation.ok) throw new Error(`invalid test event: ${JSON.stringify(validation.errors)}`);
  const { event } = validation;
  return { ...event, recordedAt: recordedAt ?? event.time };
}
