import { type KpiId } from '@customs-pulse/domain';

import { type BucketJson } from '../engine/buckets.js';
import { ColdBucketsNeededError } from '../engine/cold-buckets-needed-error.js';
import { type KpiEngine } from '../engine/kpi-engine.js';
import { type KpiValue } from '../engine/kpi-readers.js';
import { type KpiFilters } from '../engine/slices.js';
import { type ColdBuckets } from '../read-model/read-model.port.js';

/**
 * Runs a KPI query on an engine that may have let go of the buckets it needs (README, "Hot and cold state"): asked
 * without them first, which the live windows always answer, and once more with the rows of the range the engine names
 * (`ColdBucketsNeededError`), read from the read model. Run it where the engine holds still between the two asks
 * (`KpiAnswers.answerAcrossTurns`, a commit observer); `cold` is null for an engine that holds every bucket.
 */
export async function withColdBuckets<T>(cold: ColdBuckets | null, query: (rows?: readonly BucketJson[]) => T): Promise<T> {
  try {
    return query();
  } catch (error) {
    if (cold === null || !(error instanceof ColdBucketsNeededError)) throw error;
    const { range } = error;
    return query(await cold.bucketsBetween(range, range.from, range.to));
  }
}

/** A KPI's value over the UTC days [from, to), merged exactly, wherever its buckets are (`KpiEngine.overDays`). */
export type OverDaysReader = (kpiId: KpiId, from: string, to: string, filters: KpiFilters) => Promise<KpiValue>;

/** `engine.overDays`, the buckets it let go of read from `cold`: for reads that span periods, as targets and reports do. */
export function overDaysOf(engine: Pick<KpiEngine, 'overDays'>, cold: ColdBuckets | null | undefined): OverDaysReader {
  return (kpiId, from, to, filters) => withColdBuckets(cold ?? null, (rows) => engine.overDays(kpiId, from, to, filters, rows));
}
