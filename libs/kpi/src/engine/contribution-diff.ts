import { type KpiId } from '@customs-pulse/domain';

import { type Contributions } from './contributions.js';
import { type Observation, sameItems, sameObservation } from './observation.js';

/** Where a change of contributions goes: the buckets and the quality figures. */
export interface ContributionSink {
  applyObservation(subject: string, observation: Observation, sign: 1 | -1): void;
  applyNegatives(kpiIds: readonly KpiId[], sign: 1 | -1): void;
}

/** Which observations of `after` matched one of `before`; reused, the engine being single-threaded. */
const matched: boolean[] = [];

/**
 * Applies the change from `before` to `after` of one subject: observations in both stay, the others are removed or
 * added. A subject has a handful of observations, so pairing them by a scan costs less than indexing them. Removing
 * then adding is what moves an observation between buckets (a late, earlier `GoodsReleased`) or between slices (a
 * late `DeclarationLodged` that reveals the office).
 */
export function applyContributionChange(
  subject: string,
  before: Contributions,
  after: Contributions,
  sink: ContributionSink,
): void {
  const next = after.observations;
  const previous = before.observations;
  matched.length = next.length;
  matched.fill(false);
  // Indexed loops: lists are often frozen (NO_CONTRIBUTIONS), which `for...of` iterates by allocating, on every event.
  for (let position = 0; position < previous.length; position += 1) {
    const old = previous[position]!;
    const index = findUnmatched(next, old);
    if (index >= 0) matched[index] = true;
    else sink.applyObservation(subject, old, -1);
  }
  for (let index = 0; index < next.length; index += 1) {
    if (!matched[index]) sink.applyObservation(subject, next[index]!, 1);
  }
  if (!sameItems(before.negatives, after.negatives)) {
    sink.applyNegatives(before.negatives, -1);
    sink.applyNegatives(after.negatives, 1);
  }
}

function findUnmatched(candidates: readonly Observation[], observation: Observation): number {
  for (let index = 0; index < candidates.length; index += 1) {
    if (!matched[index] && sameObservation(candidates[index]!, observation)) return index;
  }
  return -1;
}
