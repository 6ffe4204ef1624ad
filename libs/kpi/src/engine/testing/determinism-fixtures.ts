import { KPI_CATALOGUE, type KpiId } from '@customs-pulse/domain';
import { anEventOfType, realisticHistory, type SeededRandom } from '@customs-pulse/testing';

import { heldFromOf } from '../bucket-horizons.js';
import { bucketKey } from '../bucket-key.js';
import { GRANULARITIES, DAY_MS } from '../bucket-time.js';
import { type BucketJson } from '../buckets.js';
import { type ColdBucketRange, ColdBucketsNeededError } from '../cold-buckets-needed-error.js';
import { type KpiEngineEvent } from '../engine-event.js';
import { type BucketHorizonsJson, type KpiEngineSnapshot } from '../engine-snapshot.js';
import { type CaseStateJson, type DeclarationStateJson } from '../facts-json.js';
import { type KpiEngine, type StoredSubjectStates, type SubjectsToLoad } from '../kpi-engine.js';
import { KPI_READERS } from '../kpi-readers.js';
import { type MeasureId } from '../measures.js';
import { filtersOfSlice } from '../slices.js';
import { stored } from './stored-events.js';

// What the determinism properties compare engines by (kpi-engine.determinism.spec.ts, kpi-engine.held-subjects.spec.ts).

/** Every KPI but the one that measures arrival itself. */
export const SET_KPIS = KPI_CATALOGUE.filter((kpi) => kpi.id !== 'ingest_lag_p95');
export const FROM = '2026-02-28T00:00:00.000Z';
export const TO = '2026-03-07T00:00:00.000Z';

export const HISTORY: readonly KpiEngineEvent[] = realisticHistory(20260302, 300).map(({ type, subject, data, envelope }) =>
  stored(anEventOfType(type, subject, data, envelope)),
);

function measureOf(kpiId: KpiId): MeasureId {
  return kpiId === 'backlog' ? 'backlog' : KPI_READERS[kpiId].measure;
}

/** Four instants a day over the history: what `current` is compared at unless told otherwise. */
const QUARTER_DAYS: readonly string[] = Array.from({ length: ((Date.parse(TO) - Date.parse(FROM)) / DAY_MS) * 4 }, (_, i) =>
  new Date(Date.parse(FROM) + (i * DAY_MS) / 4 + 1_234_567).toISOString(),
);

/** Where a bounded engine's queries read the buckets it let go of: the rows of a range, as `ColdBuckets.bucketsBetween`. */
export type ColdBucketRows = (range: ColdBucketRange) => readonly BucketJson[];

/** Asks `read` without cold rows, and again with those it needs when the engine let them go: what the API does. */
export function askWithColdBuckets<T>(cold: ColdBucketRows | undefined, read: (rows?: readonly BucketJson[]) => T): T {
  try {
    return read();
  } catch (error) {
    if (cold === undefined || !(error instanceof ColdBucketsNeededError)) throw error;
    return read(cold(error.range));
  }
}

/**
 * Every non-empty point of every series of every slice the reference has, for each KPI and granularity, and every
 * KPI's current value at each of `currentAt`; a bounded engine reads the buckets it let go of from `cold`.
 */
export function fingerprint(
  engine: KpiEngine,
  slices: ReadonlyMap<MeasureId, readonly string[]>,
  currentAt: readonly string[] = QUARTER_DAYS,
  cold?: ColdBucketRows,
): string[] {
  const lines: string[] = [];
  for (const kpi of SET_KPIS) {
    for (const slice of slices.get(measureOf(kpi.id)) ?? []) {
      for (const granularity of GRANULARITIES) {
        for (const point of askWithColdBuckets(cold, (rows) => engine.series(kpi.id, granularity, FROM, TO, filtersOfSlice(slice), rows))) {
          if (point.n === 0 && point.value === kpi.emptyValue) continue;
          lines.push(`${kpi.id} ${granularity} ${slice} ${point.start} ${point.value} ${point.n}`);
        }
      }
    }
  }
  for (const now of currentAt) {
    for (const kpi of SET_KPIS) {
      lines.push(`${kpi.id} current ${now} ${JSON.stringify(askWithColdBuckets(cold, (rows) => engine.current(kpi.id, now, {}, rows)))}`);
    }
  }
  const { ingest_lag_p95: _lag, ...quality } = engine.qualityCounters();
  lines.push(`quality ${JSON.stringify(quality)}`);
  return lines;
}

export function slicesUsed(engine: KpiEngine): Map<MeasureId, string[]> {
  const slices = new Map<MeasureId, Set<string>>();
  for (const { measure, slice } of engine.toJSON().buckets) {
    slices.set(measure, (slices.get(measure) ?? new Set()).add(slice));
  }
  return new Map([...slices].map(([measure, keys]) => [measure, [...keys].sort()]));
}

/** Cut into batches of 1 to 200 events. */
export function batches(events: readonly KpiEngineEvent[], random: SeededRandom): KpiEngineEvent[][] {
  const cut: KpiEngineEvent[][] = [];
  for (let start = 0; start < events.length; ) {
    const size = random.between(1, 200);
    cut.push(events.slice(start, start + size));
    start += size;
  }
  return cut;
}

/** What a read model would hold after writing each drain over the previous one, key by key. */
export class DrainedReadModel {
  private readonly declarations = new Map<string, DeclarationStateJson>();
  private readonly cases = new Map<string, CaseStateJson>();
  private readonly buckets = new Map<string, BucketJson>();
  private quality: KpiEngineSnapshot['quality'] = {};
  private horizons: BucketHorizonsJson | null = null;

  write(drain: KpiEngineSnapshot): void {
    if (drain.bucketHorizons !== undefined) this.horizons = drain.bucketHorizons;
    for (const declaration of drain.declarations) this.declarations.set(declaration.subject, declaration);
    for (const item of drain.cases) this.cases.set(item.subject, item);
    for (const bucket of drain.buckets) {
      this.buckets.set(bucketKey({ ...bucket, start: Date.parse(bucket.start) }), bucket);
    }
    this.quality = drain.quality;
  }

  /** The stored rows of the subjects asked, as a read model's `cold.subjects` answers. */
  subjects(wanted: SubjectsToLoad): StoredSubjectStates {
    const copy = <T>(rows: (T | undefined)[]): T[] => JSON.parse(JSON.stringify(rows.filter((row) => row !== undefined))) as T[];
    return {
      declarations: copy(wanted.declarations.map((subject) => this.declarations.get(subject))),
      cases: copy(wanted.cases.map((subject) => this.cases.get(subject))),
    };
  }

  /** The stored buckets of the keys asked, as a read model's `cold.bucketsNamed` answers. */
  bucketsNamed(keys: readonly string[]): BucketJson[] {
    return copied(keys.flatMap((key) => this.buckets.get(key) ?? []));
  }

  /** The stored buckets of one line starting in [from, to), by start, as a read model's `cold.bucketsBetween` answers. */
  readonly bucketsBetween: ColdBucketRows = ({ measure, granularity, slice, from, to }) =>
    copied(
      [...this.buckets.values()]
        .filter((row) => row.measure === measure && row.granularity === granularity && row.slice === slice)
        .filter((row) => Date.parse(row.start) >= from && Date.parse(row.start) < to)
        .sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
    );

  /**
   * Everything stored, as `load()` answers; with `hot`, as `load(hot)` does for buckets: only those from the stored
   * horizons on, and the horizons.
   */
  snapshot({ hot = false } = {}): KpiEngineSnapshot {
    const horizons = hot ? this.horizons : null;
    const held = (row: BucketJson): boolean => horizons === null || Date.parse(row.start) >= heldFromOf(row.measure as MeasureId, row.granularity, horizons);
    const snapshot = {
      declarations: [...this.declarations.values()],
      cases: [...this.cases.values()],
      buckets: [...this.buckets.values()].filter(held),
      quality: this.quality,
      ...(horizons === null ? {} : { bucketHorizons: horizons }),
    };
    return copied(snapshot);
  }
}

function copied<T>(rows: T): T {
  return JSON.parse(JSON.stringify(rows)) as T;
}

