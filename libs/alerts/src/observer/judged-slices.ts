import { type KpiId } from '@customs-pulse/domain';
import { type KpiUpdate, sliceKey } from '@customs-pulse/kpi';

/** One KPI in one slice the threshold rule watches: the total (`{}`) or an office (`{office}`). */
export interface JudgedSlice {
  readonly kpiId: KpiId;
  readonly filters: Readonly<Record<string, string>>;
}

/** What {@link JudgedSlices.at} needs of a committed batch. */
export interface SliceSource {
  readonly updates: readonly Pick<KpiUpdate, 'kpiId' | 'filters'>[];
  readonly caughtUp: boolean;
}

/**
 * Which current values the threshold rule judges at each batch (kpis.md: "for an office, and in total"; slices by
 * mode, regime or category raise nothing). Normally the slices the batch changed. While the projection replays
 * history they are only gathered, and judged all at once at the first batch after it has caught up: a value passed
 * through on the way is not an alert now, and what matters is the value it ends at. A threshold change puts its
 * KPI's total, its active alerts' slices and every slice of it seen since this process started up for judgement.
 */
export class JudgedSlices {
  private readonly pending = new Map<string, JudgedSlice>();
  private readonly seen = new Map<KpiId, Map<string, JudgedSlice>>();

  /**
   * @param thresholdChanges - the KPIs whose `KpiThresholdChanged` the batch carries.
   * @param activeSlices - the filters of a KPI's active threshold alerts.
   * @returns the slices to judge now; none while catching up.
   */
  at(batch: SliceSource, thresholdChanges: readonly KpiId[], activeSlices: (kpiId: KpiId) => readonly Readonly<Record<string, string>>[]): JudgedSlice[] {
    for (const { kpiId, filters } of batch.updates) {
      const judged = totalOrOffice(filters);
      if (judged === null) continue;
      this.remember(kpiId, judged);
      this.include(kpiId, judged);
    }
    for (const kpiId of thresholdChanges) {
      this.include(kpiId, {});
      for (const slice of this.seen.get(kpiId)?.values() ?? []) this.include(kpiId, slice.filters);
      for (const filters of activeSlices(kpiId)) this.include(kpiId, filters);
    }
    if (!batch.caughtUp) return [];
    const due = [...this.pending.values()];
    this.pending.clear();
    return due;
  }

  /** Puts `slices` up for judgement at the next caught-up batch. */
  defer(slices: readonly JudgedSlice[]): void {
    for (const { kpiId, filters } of slices) this.include(kpiId, filters);
  }

  /** The slices put off so far: what the judge's checkpoint keeps, so a restart judges them too. */
  deferred(): JudgedSlice[] {
    return [...this.pending.values()];
  }

  private include(kpiId: KpiId, filters: Readonly<Record<string, string>>): void {
    this.pending.set(`${kpiId}\u0000${sliceKey(filters)}`, { kpiId, filters });
  }

  private remember(kpiId: KpiId, filters: Readonly<Record<string, string>>): void {
    let slices = this.seen.get(kpiId);
    if (slices === undefined) {
      slices = new Map();
      this.seen.set(kpiId, slices);
    }
    slices.set(sliceKey(filters), { kpiId, filters });
  }
}

/** `{}` or `{office}` for the slices alerts watch; `null` for any other. */
function totalOrOffice(filters: Readonly<Record<string, string | undefined>>): Readonly<Record<string, string>> | null {
  const dimensions = Object.entries(filters).filter(([, value]) => value !== undefined);
  if (dimensions.length === 0) return {};
  const [[dimension, value] = []] = dimensions;
  return dimensions.length === 1 && dimension === 'office' && value !== undefined ? { office: value } : null;
}
