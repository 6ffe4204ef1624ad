import { type KpiId, type KpiThresholds, isKpiId, kpiById } from '@customs-pulse/domain';
import { sliceKey } from '@customs-pulse/kpi';

import { type AlertChange, type AlertNotice, type AlertStatus } from '../lifecycle/alert-notice.js';

import { type AlertAcknowledgedData, type AlertRaisedData, type AlertResolvedData, type KpiThresholdChangedData } from '../events/alert-event-data.js';

/** A stored event as the ledger folds it: `RecordedEvent` satisfies it. */
export interface AlertLedgerEvent {
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly position: number;
}

/** What folding one event did to an alert, to be pushed live. */
export interface AlertLedgerChange {
  readonly change: AlertChange;
  readonly alert: AlertNotice;
}

/** What the rules and the commands read of the alert state. */
export interface AlertLedgerView {
  alert(id: string): AlertNotice | undefined;
  /** The alert active (open or acknowledged) for a KPI and slice key, if any: there is at most one. */
  activeFor(kpiId: KpiId, sliceKey: string): AlertNotice | undefined;
  /** The slices (their filters) of a KPI's active threshold alerts. */
  activeSlicesOf(kpiId: KpiId): readonly Readonly<Record<string, string>>[];
  /**
   * The thresholds in force for a KPI at a log position: the last `KpiThresholdChanged` at or before it, else the
   * catalogue's default. Without a position, the latest.
   */
  thresholdsAt(kpiId: KpiId, position?: number): KpiThresholds | null;
  /** How many times a KPI's thresholds were changed. */
  thresholdRevision(kpiId: KpiId): number;
  /** Every alert, or those with `status`, newest raised first. */
  list(status?: AlertStatus): AlertNotice[];
  /**
   * The highest `position` an `AlertRaised` or `AlertResolved` carries, 0 when there is none: where the judge starts
   * when it has no checkpoint of its own yet (the first start of a version that keeps one). Every batch up to it was
   * judged, since the rules judge batches in log order and record each batch's events in one append.
   */
  readonly judgedThrough: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface LedgerEntry {
  readonly notice: Mutable<AlertNotice>;
  /** Position of the `AlertRaised` that opened it: the listing order. */
  readonly raisedPosition: number;
  /** The (KPI, slice) key of a threshold alert; `null` for an event rule. */
  readonly activeKey: string | null;
}

interface ThresholdChange {
  readonly position: number;
  readonly thresholds: KpiThresholds;
}

/**
 * The alert state, folded from the `Alert*` and `KpiThresholdChanged` events of the log and nothing else: after a
 * restart, the same events give the same open alerts and thresholds, so nothing is raised twice. Pure; folding an
 * event a second time (seen both as appended and in a projected batch) changes nothing.
 */
export class AlertLedger implements AlertLedgerView {
  private readonly entries = new Map<string, LedgerEntry>();
  private readonly active = new Map<string, string>();
  private readonly thresholdChanges = new Map<KpiId, ThresholdChange[]>();
  private readonly folded = new Set<string>();
  private judged = 0;

  /** Folds one stored event; events of other types are ignored. */
  fold(event: AlertLedgerEvent): AlertLedgerChange | null {
    const key = JSON.stringify([event.source, event.id]);
    if (this.folded.has(key)) return null;
    switch (event.type) {
      case 'AlertRaised':
        this.folded.add(key);
        this.judgedAt(event.data as unknown as AlertRaisedData);
        return this.raised(event, event.data as unknown as AlertRaisedData);
      case 'AlertAcknowledged':
        this.folded.add(key);
        return this.acknowledged(event, event.data as unknown as AlertAcknowledgedData);
      case 'AlertResolved':
        this.folded.add(key);
        this.judgedAt(event.data as unknown as AlertResolvedData);
        return this.resolved(event, event.data as unknown as AlertResolvedData);
      case 'KpiThresholdChanged':
        this.folded.add(key);
        this.thresholdChanged(event.position, event.data as unknown as KpiThresholdChangedData);
        return null;
      default:
        return null;
    }
  }

  get judgedThrough(): number {
    return this.judged;
  }

  alert(id: string): AlertNotice | undefined {
    const entry = this.entries.get(id);
    return entry === undefined ? undefined : { ...entry.notice };
  }

  activeFor(kpiId: KpiId, slice: string): AlertNotice | undefined {
    const id = this.active.get(activeKeyOf(kpiId, slice));
    return id === undefined ? undefined : this.alert(id);
  }

  activeSlicesOf(kpiId: KpiId): readonly Readonly<Record<string, string>>[] {
    return [...this.active.values()].flatMap((id) => {
      const notice = this.entries.get(id)?.notice;
      return notice?.kpiId === kpiId ? [notice.filters] : [];
    });
  }

  thresholdsAt(kpiId: KpiId, position = Number.POSITIVE_INFINITY): KpiThresholds | null {
    const changes = this.thresholdChanges.get(kpiId) ?? [];
    const inForce = changes.findLast((change) => change.position <= position);
    return inForce?.thresholds ?? kpiById(kpiId).thresholds;
  }

  thresholdRevision(kpiId: KpiId): number {
    return this.thresholdChanges.get(kpiId)?.length ?? 0;
  }

  list(status?: AlertStatus): AlertNotice[] {
    return [...this.entries.values()]
      .filter((entry) => status === undefined || entry.notice.status === status)
      .sort((a, b) => b.raisedPosition - a.raisedPosition)
      .map((entry) => ({ ...entry.notice }));
  }

  private judgedAt({ position }: { readonly position: number }): void {
    if (Number.isSafeInteger(position) && position > this.judged) this.judged = position;
  }

  private raised(event: AlertLedgerEvent, data: AlertRaisedData): AlertLedgerChange | null {
    const entry = this.entries.get(event.subject);
    if (entry !== undefined) {
      // A raise of a known alert is its escalation; a repeated raise of it changes nothing.
      if (data.escalatedFrom === undefined || entry.notice.status === 'resolved') return null;
      Object.assign(entry.notice, { severity: data.severity, value: data.value, threshold: data.threshold, n: data.n, escalatedAt: event.time });
      return { change: 'updated', alert: { ...entry.notice } };
    }
    const activeKey = data.kpiId === undefined ? null : activeKeyOf(data.kpiId, sliceKey(data.filters));
    const notice: Mutable<AlertNotice> = {
      id: event.subject,
      rule: data.rule,
      ...(data.kpiId === undefined ? {} : { kpiId: data.kpiId }),
      filters: data.filters,
      severity: data.severity,
      status: 'open',
      raisedAt: event.time,
      value: data.value,
      threshold: data.threshold,
      n: data.n,
      position: data.position,
      trigger: data.trigger,
      details: data.details,
      escalatedAt: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      note: null,
      resolvedAt: null,
      resolvedValue: null,
    };
    this.entries.set(event.subject, { notice, raisedPosition: event.position, activeKey });
    // The first alert of a slice keeps it: one live projector never raises a second, and a second must not hide it.
    if (activeKey !== null && !this.active.has(activeKey)) this.active.set(activeKey, event.subject);
    return { change: 'raised', alert: { ...notice } };
  }

  private acknowledged(event: AlertLedgerEvent, data: AlertAcknowledgedData): AlertLedgerChange | null {
    const entry = this.entries.get(event.subject);
    if (entry === undefined || entry.notice.status !== 'open') return null;
    Object.assign(entry.notice, { status: 'acknowledged', acknowledgedAt: event.time, acknowledgedBy: data.by, note: data.note });
    return { change: 'updated', alert: { ...entry.notice } };
  }

  private resolved(event: AlertLedgerEvent, data: AlertResolvedData): AlertLedgerChange | null {
    const entry = this.entries.get(event.subject);
    if (entry === undefined || entry.notice.status === 'resolved') return null;
    Object.assign(entry.notice, { status: 'resolved', resolvedAt: event.time, resolvedValue: data.value });
    if (entry.activeKey !== null && this.active.get(entry.activeKey) === event.subject) this.active.delete(entry.activeKey);
    return { change: 'resolved', alert: { ...entry.notice } };
  }

  private thresholdChanged(position: number, data: KpiThresholdChangedData): void {
    if (!isKpiId(data.kpiId)) return;
    const changes = this.thresholdChanges.get(data.kpiId) ?? [];
    changes.push({ position, thresholds: { warning: data.warning, critical: data.critical } });
    changes.sort((a, b) => a.position - b.position);
    this.thresholdChanges.set(data.kpiId, changes);
  }
}

function activeKeyOf(kpiId: KpiId, slice: string): string {
  return `${kpiId}\u0000${slice}`;
}
