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

/**
 * `cold`, reading each line's range once: for one answer that asks several KPIs of the same measure and slice over
 * the same days (the PMM report asks 27 KPIs of about a dozen measures, in total and per office). The rows are kept
 * for the answer's life only, so make one per answer: the read model moves on between answers.
 */
export function readingEachLineOnce(cold: ColdBuckets): ColdBuckets {
  const lines = new Map<string, Promise<BucketJson[]>>();
  return {
    bucketsNamed: (keys) => cold.bucketsNamed(keys),
    bucketsBetween: (line, from, to) => {
      const key = JSON.stringify([line.measure, line.granularity, line.slice, from, to]);
      let rows = lines.get(key);
      if (rows === undefined) {
        rows = cold.bucketsBetween(line, from, to);
        lines.set(key, rows);
      }
      return rows;
    },
  };
}
