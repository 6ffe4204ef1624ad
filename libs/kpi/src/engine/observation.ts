import { type MeasureId } from './measures.js';

/**
 * One contribution to a measure: counted in the bucket of every granularity holding `at`, in every slice of
 * `slices`. A declaration's observations are recomputed from its facts, and a change is applied as "remove the old,
 * add the new", so an observation must be exactly reproducible from the facts.
 */
export interface Observation {
  readonly measure: MeasureId;
  /** Attribution time, epoch milliseconds. */
  readonly at: number;
  /** Slice keys (slices.ts); the total first. */
  readonly slices: readonly string[];
  /** One integer per counter of the measure (measures.ts). */
  readonly values: readonly number[];
  /** What the measure's quantile sketch takes (>= 0), or `null` for a measure without a sketch. */
  readonly sample: number | null;
}

/** Whether two observations count the same in the same buckets, so replacing one by the other changes nothing. */
export function sameObservation(a: Observation, b: Observation): boolean {
  if (a.measure !== b.measure || a.at !== b.at || a.sample !== b.sample) return false;
  if (a.slices !== b.slices && !sameItems(a.slices, b.slices)) return false;
  return sameItems(a.values, b.values);
}

/** Whether two lists hold the same items in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}
