import { type BucketHorizonsJson } from '../engine/engine-snapshot.js';
import { KpiReadModelUnloadableError } from './unloadable-read-model-error.js';

/**
 * Refuses to load a read model whose checkpoint row names, in `written_before`, a change it was written before: a
 * migration sets it when the rows it finds lack what the change adds (SQLite migration 6, PostgreSQL migration 5:
 * the TRS day aggregates and the declarations' TRS release), and leaves it `NULL` on a read model that holds nothing
 * yet. Such a read model is rebuilt into a fresh generation rather than loaded with holes.
 * @param readModel - the read model, as a message names it.
 * @throws KpiReadModelUnloadableError when `writtenBefore` is not `null`.
 */
export function assertWrittenAfterEveryChange(writtenBefore: string | null, readModel: string): void {
  if (writtenBefore !== null) throw writtenBeforeError(writtenBefore, readModel);
}

/**
 * Refuses a read model whose bucket horizons were written before they named the slices of every bucket made
 * (`BucketHorizonsJson.slices`): an engine restored from them would list only the offices of the buckets it holds,
 * and drop the others from the Offices view and the PMM report. Such a read model is rebuilt, as above. A load of
 * every bucket (no hot selection: a test's, or the gateway bench's whole load) needs no horizons, and passes `null`.
 * @throws KpiReadModelUnloadableError when `horizons` lack `slices`.
 */
export function assertHorizonsNameTheirSlices(horizons: BucketHorizonsJson | null, readModel: string): void {
  if (horizons !== null && horizons.slices === undefined) throw writtenBeforeError('its bucket horizons named their slices', readModel);
}

/** What a load of a read model written before `change` fails with: the projection rebuilds it. */
export function writtenBeforeError(change: string, readModel: string): KpiReadModelUnloadableError {
  return new KpiReadModelUnloadableError(`${readModel} was written before ${change} and is rebuilt`);
}
