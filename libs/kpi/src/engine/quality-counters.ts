import { KPI_IDS, type KpiId, isKpiId } from '@customs-pulse/domain';

/** Negative durations left out, per KPI (kpis.md; `GET /api/quality`); KPIs with none are absent. */
export type QualityCountersJson = { readonly [K in KpiId]?: number };

/** The data-quality figures the engine keeps: how many negative durations each KPI left out. */
export class QualityCounters {
  private readonly counts = new Map<KpiId, number>();

  /** Counts (`sign` 1) or uncounts (`sign` -1) one item for each KPI of `kpiIds`. */
  add(kpiIds: readonly KpiId[], sign: 1 | -1): void {
    for (const id of kpiIds) this.counts.set(id, (this.counts.get(id) ?? 0) + sign);
  }

  /** The non-zero counters, in catalogue order. */
  toJSON(): QualityCountersJson {
    const json: { [K in KpiId]?: number } = {};
    for (const id of KPI_IDS) {
      const count = this.counts.get(id) ?? 0;
      if (count !== 0) json[id] = count;
    }
    return json;
  }

  /** Restores counters from {@link QualityCounters.toJSON}; entries that are not KPIs are ignored. */
  static fromJSON(json: QualityCountersJson): QualityCounters {
    const counters = new QualityCounters();
    for (const [id, count] of Object.entries(json)) {
      if (isKpiId(id) && Number.isSafeInteger(count)) counters.counts.set(id, count);
    }
    return counters;
  }
}
