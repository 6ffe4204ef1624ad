import type { RecordedEvent } from '@customs-pulse/event-store';

/** A threshold alert active (open or acknowledged) at the end of the log. */
export interface ActiveThresholdAlert {
  readonly id: string;
  readonly severity: string;
}

/** What the log tells of the threshold alerts, walked event by event. */
export interface ThresholdAlertHistory {
  /** Threshold alerts raised (escalations are not raises). */
  readonly raised: number;
  /** Threshold alerts raised per slice ({@link sliceKey}). */
  readonly raisedPerSlice: ReadonlyMap<string, number>;
  /** A raise while another alert of its slice was active, as `<id> over <active id>`: what must never happen. */
  readonly raisedOverActive: readonly string[];
  /** The alert active at the end, per slice ({@link sliceKey}). */
  readonly active: ReadonlyMap<string, ActiveThresholdAlert>;
}

/** The key of a KPI's slice: its total (`{}`) or one office. */
export function sliceKey(kpiId: string, filters: Readonly<Record<string, unknown>>): string {
  return JSON.stringify([kpiId, filters['office'] ?? null]);
}

/**
 * Walks the `Alert*` events of a log in order. One active alert per KPI and slice is what the judge promises: several
 * judges, or one that forgot its state, would each raise a slice's alert at their own batch positions.
 */
export function thresholdAlertHistory(events: readonly RecordedEvent[]): ThresholdAlertHistory {
  const active = new Map<string, ActiveThresholdAlert>();
  const sliceOf = new Map<string, string>();
  const raisedOverActive: string[] = [];
  const raisedPerSlice = new Map<string, number>();
  let raised = 0;
  for (const { type, subject, data } of events) {
    if (type === 'AlertResolved' && sliceOf.has(subject)) active.delete(sliceOf.get(subject)!);
    if (type !== 'AlertRaised' || data['rule'] !== 'kpi_threshold') continue;
    const slice = sliceKey(String(data['kpiId']), data['filters'] as Record<string, unknown>);
    const severity = String(data['severity']);
    if (data['escalatedFrom'] !== undefined) {
      if (active.get(slice)?.id === subject) active.set(slice, { id: subject, severity });
      continue;
    }
    raised += 1;
    raisedPerSlice.set(slice, (raisedPerSlice.get(slice) ?? 0) + 1);
    const current = active.get(slice);
    if (current !== undefined) raisedOverActive.push(`${subject} over ${current.id}`);
    else active.set(slice, { id: subject, severity });
    sliceOf.set(subject, slice);
  }
  return { raised, raisedPerSlice, raisedOverActive, active };
}
