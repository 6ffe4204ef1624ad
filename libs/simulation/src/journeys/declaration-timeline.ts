import { type Lane, type TransportMode } from '@customs-pulse/domain';
import {
  AEO_PRE_ARRIVAL_BONUS,
  POST_ARRIVAL_LODGEMENT_FRACTION,
  PRE_ARRIVAL_LEAD_HOURS,
  PRE_ARRIVAL_SHARE,
} from '../profile/lodgement-profile.js';
import { drawReleaseHours, MODE_FACTOR, SLOWDOWN_RELEASE_HOURS } from '../profile/release-time-profile.js';
import { type SeededRandom } from '../random/seeded-random.js';
import { HOUR, MINUTE } from './journey-context.js';

/** The milestones of a declaration's life that the others are placed between. */
export interface DeclarationTimeline {
  readonly preArrival: boolean;
  readonly arrivedAt: number;
  readonly lodgedAt: number;
  readonly releasedAt: number;
}

/**
 * Draws when the goods arrive, when the declaration is lodged and when the goods are released. The release time
 * (arrival to release) is log-normal by lane and mode ({@link drawReleaseHours}). Normally the declaration starts
 * at `at` (its lodgement or the arrival, whichever is first); at an office that slowed down it is released at about
 * `at`, after about five days.
 */
export function drawTimeline(
  random: SeededRandom,
  { at, lane, mode, aeo, slowdown }: { at: number; lane: Lane; mode: TransportMode; aeo: boolean; slowdown: boolean },
): DeclarationTimeline {
  const preArrival = random.chance(Math.min(0.95, PRE_ARRIVAL_SHARE[mode] + (aeo ? AEO_PRE_ARRIVAL_BONUS : 0)));
  const releaseHours = slowdown
    ? random.logNormal(SLOWDOWN_RELEASE_HOURS.median, SLOWDOWN_RELEASE_HOURS.sigma)
    : drawReleaseHours(random, lane, mode, preArrival);
  const lodgedAfterArrivalMs = preArrival
    ? -random.logNormal(PRE_ARRIVAL_LEAD_HOURS.median * MODE_FACTOR[mode], PRE_ARRIVAL_LEAD_HOURS.sigma) * HOUR
    : random.uniform(...POST_ARRIVAL_LODGEMENT_FRACTION) * releaseHours * HOUR;
  const releaseMs = Math.max(releaseHours * HOUR, MINUTE);
  const arrivedAt = slowdown
    ? at + random.uniform(0, 2) * MINUTE - releaseMs
    : at - Math.min(0, lodgedAfterArrivalMs);
  return { preArrival, arrivedAt, lodgedAt: arrivedAt + lodgedAfterArrivalMs, releasedAt: arrivedAt + releaseMs };
}
