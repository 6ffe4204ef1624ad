import { type DeclarationFacts } from './declaration-facts.js';
import { splitAmount } from './money.js';
import { type Observation } from './observation.js';

/** A lodged declaration: one observation at `lodgedAt` for the lodgement shares and the AEO trade share. */
export function lodgementObservations(
  facts: DeclarationFacts,
  slices: readonly string[],
  observations: Observation[],
): void {
  const { lodged } = facts;
  if (lodged === null) return;
  const value = splitAmount(lodged.customsValue);
  const aeo = lodged.aeo ? value : { whole: 0, fraction: 0 };
  observations.push({
    measure: 'lodgement',
    at: lodged.at,
    slices,
    values: [
      1,
      lodged.preArrival ? 1 : 0,
      lodged.electronic ? 1 : 0,
      facts.rejected ? 0 : 1,
      value.whole,
      value.fraction,
      aeo.whole,
      aeo.fraction,
    ],
    sample: null,
  });
}

/**
 * The backlog (kpis.md) counts a declaration at instant t when `lodgedAt` < t and neither `releasedAt` nor
 * `cancelledAt` is < t: it is in for `lodgedAt` < t <= end, with end the earlier of the two. A delta at x counts for
 * every t > x, so +1 at `lodgedAt` and -1 at end give exactly that when end > `lodgedAt`. When end <= `lodgedAt`
 * (released or cancelled before it was lodged) the declaration is in the backlog at no instant at all, and a lone
 * -1 at end would wrongly take it out of the backlog between end and `lodgedAt`: it contributes nothing.
 */
export function backlogObservations(
  facts: DeclarationFacts,
  slices: readonly string[],
  observations: Observation[],
): void {
  const { lodged, released, cancelled } = facts;
  if (lodged === null) return;
  const end = earlierOf(released?.at, cancelled?.at);
  if (end !== undefined && end <= lodged.at) return;
  observations.push({ measure: 'backlog', at: lodged.at, slices, values: [1], sample: null });
  if (end !== undefined) observations.push({ measure: 'backlog', at: end, slices, values: [-1], sample: null });
}

function earlierOf(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
