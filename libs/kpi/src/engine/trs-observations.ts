import { neighbouringSegments } from '../declarations/trs-segments.js';
import { HOUR_MS } from './bucket-time.js';
import { type DeclarationFacts, finalLaneOf } from './declaration-facts.js';
import { type Observation } from './observation.js';
import { AEO_MEASURE, LANE_MEASURE, PRE_ARRIVAL_MEASURE, RELEASE_TIME_BIN_HOURS } from './trs-measures.js';
import { trsReleaseOf } from './trs-release.js';

/**
 * What a declaration of the TRS population adds to the report's daily aggregates (trs-measures.ts), at `releasedAt`
 * in its slices: its release time's bin, its release time under its final lane, AEO and pre-arrival keys where they
 * are known, and each of its segments. Nothing for a declaration outside the population.
 */
export function trsObservations(facts: DeclarationFacts, slices: readonly string[], observations: Observation[]): void {
  const release = trsReleaseOf(facts);
  if (release === null) return;
  const at = facts.released!.at;
  const { releaseMs } = release;
  const releaseTime = { at, slices, values: [1, releaseMs], sample: releaseMs / HOUR_MS };
  observations.push({ measure: 'releaseTimeBins', at, slices, values: binCounts(releaseMs), sample: null });
  const lane = finalLaneOf(facts);
  if (lane !== null) observations.push({ measure: LANE_MEASURE[lane], ...releaseTime });
  if (facts.lodged !== null) {
    observations.push({ measure: AEO_MEASURE[`${facts.lodged.aeo}`], ...releaseTime });
    observations.push({ measure: PRE_ARRIVAL_MEASURE[`${facts.lodged.preArrival}`], ...releaseTime });
  }
  for (const { from, to, hours } of neighbouringSegments(facts)) {
    // back to the integer milliseconds the hours were divided from, so that sums stay exact
    const ms = Math.round(hours * HOUR_MS);
    const values = [1, Math.abs(ms)];
    const sample = Math.abs(ms) / HOUR_MS;
    observations.push({ measure: ms < 0 ? `negativeSegment:${from}>${to}` : `segment:${from}>${to}`, at, slices, values, sample });
  }
}

/** One count in the bin holding the release time (lower bound inclusive), compared in integer milliseconds. */
function binCounts(releaseMs: number): number[] {
  const counts = RELEASE_TIME_BIN_HOURS.map(() => 0);
  let bin = RELEASE_TIME_BIN_HOURS.length - 1;
  while (bin > 0 && releaseMs < RELEASE_TIME_BIN_HOURS[bin]! * HOUR_MS) bin -= 1;
  counts[bin] = 1;
  return counts;
}
