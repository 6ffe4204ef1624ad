import { type ProducerEventType } from '@customs-pulse/domain';

/** A producing system: its CloudEvents `source` and the UTC offset it writes `time` in. */
export interface EventSource {
  readonly source: string;
  readonly utcOffsetMinutes: number;
}

/**
 * The systems of the simulated administration. The clearance system writes local time (Tashkent, +05:00), the
 * others UTC: the store and the KPIs must treat both as the instants they are.
 */
export const EVENT_SOURCES = {
  clearance: { source: 'urn:customs:uz:asycuda', utcOffsetMinutes: 300 },
  payments: { source: 'urn:customs:uz:e-payment', utcOffsetMinutes: 0 },
  enforcement: { source: 'urn:customs:uz:enforcement', utcOffsetMinutes: 0 },
  audits: { source: 'urn:customs:uz:pca', utcOffsetMinutes: 0 },
} as const satisfies Record<string, EventSource>;

/** Which system produces events of `type`. */
export function sourceOf(type: ProducerEventType): EventSource {
  switch (type) {
    case 'DutiesPaid':
      return EVENT_SOURCES.payments;
    case 'SeizureRecorded':
    case 'OffenceCaseOpened':
    case 'OffenceCaseClosed':
      return EVENT_SOURCES.enforcement;
    case 'PostClearanceAuditCompleted':
      return EVENT_SOURCES.audits;
    default:
      return EVENT_SOURCES.clearance;
  }
}
