import { type KpiId } from '@customs-pulse/domain';

import { type Granularity, HOUR_MS, bucketStart } from './bucket-time.js';
import { type KpiBucket } from './buckets.js';
import { KPI_READERS, type BucketKpiId } from './kpi-readers.js';
import { MEASURE_IDS, type MeasureId } from './measures.js';
import { type Steps } from './steps.js';
import { CURRENT_WINDOW_HOURS } from './kpi-queries.js';
import { utcIso } from './utc-millis.js';

/** A bucket whose value changed, for one KPI that reads it. */
export interface KpiBucketChange {
  readonly kpiId: KpiId;
  readonly granularity: Granularity;
  /**
   * Bucket start, RFC 3339 UTC with milliseconds. `backlog` keeps hourly deltas only: a change at one hour changes
   * the backlog at every later hour and day end too.
   */
  readonly start: string;
  /** Slice key (slices.ts; `filtersOfSlice` turns it into filters). */
  readonly slice: string;
}

/** A (KPI, slice) whose `current` value may have changed. */
export interface KpiCurrentChange {
  readonly kpiId: KpiId;
  readonly slice: string;
}

/** What changed since the last drain: what live push and alert rules act on. */
export interface KpiChanges {
  readonly buckets: readonly KpiBucketChange[];
  readonly current: readonly KpiCurrentChange[];
}

/** The KPIs that read each measure. */
const KPIS_BY_MEASURE: Readonly<Record<MeasureId, readonly KpiId[]>> = Object.fromEntries(
  MEASURE_IDS.map((measure): [MeasureId, readonly KpiId[]] => [
    measure,
    measure === 'backlog'
      ? ['backlog']
      : (Object.keys(KPI_READERS) as BucketKpiId[]).filter((id) => KPI_READERS[id].measure === measure),
  ]),
) as Record<MeasureId, readonly KpiId[]>;

/**
 * The changes the touched buckets amount to. With `nowMs`, a current value counts as changed only when a touched
 * hourly bucket lies in its window (for `backlog`: starts no later than the hour holding `nowMs`); without it, every
 * touched (KPI, slice) is reported. One bucket per step: a catch-up commit's changes span tens of thousands of
 * buckets.
 */
export function* changesInSteps(buckets: readonly KpiBucket[], nowMs?: number): Steps<KpiChanges> {
  const changes: KpiBucketChange[] = [];
  const current: KpiCurrentChange[] = [];
  // Each (KPI, slice) once, in the order first met; by KPI then slice rather than by a key built per bucket and KPI.
  const slicesSeen = new Map<KpiId, Set<string>>();
  const lastHour = nowMs === undefined ? undefined : bucketStart(nowMs, 'hour');
  for (const bucket of buckets) {
    const startMs = bucket.start;
    const start = utcIso(startMs);
    for (const kpiId of KPIS_BY_MEASURE[bucket.measure]) {
      changes.push({ kpiId, granularity: bucket.granularity, start, slice: bucket.slice });
      if (bucket.granularity !== 'hour' || !affectsCurrent(kpiId, startMs, lastHour)) continue;
      let seen = slicesSeen.get(kpiId);
      if (seen === undefined) {
        seen = new Set();
        slicesSeen.set(kpiId, seen);
      }
      if (seen.has(bucket.slice)) continue;
      seen.add(bucket.slice);
      current.push({ kpiId, slice: bucket.slice });
    }
    yield;
  }
  return { buckets: changes, current };
}

function affectsCurrent(kpiId: KpiId, hourStart: number, lastHour: number | undefined): boolean {
  if (lastHour === undefined) return true;
  if (kpiId === 'backlog') return hourStart <= lastHour;
  return hourStart <= lastHour && hourStart > lastHour - CURRENT_WINDOW_HOURS * HOUR_MS;
}
