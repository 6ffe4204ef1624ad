import { type ExaminationMethod, type Lane, type TransportMode } from '@customs-pulse/domain';
import { type SeededRandom } from '../random/seeded-random.js';
import { type Weights } from '../random/weighted.js';

/** A log-normal distribution by its median and the standard deviation of its logarithm. */
export interface LogNormal {
  readonly median: number;
  readonly sigma: number;
}

/**
 * Release time (arrival to release, the TRS measure) in hours by lane, for ROAD traffic lodged after arrival. The
 * log-normal is the shape time release studies find: most declarations are released quickly, a long tail is not.
 */
export const RELEASE_HOURS: { readonly [L in Lane]: LogNormal } = {
  GREEN: { median: 1, sigma: 0.9 },
  BLUE: { median: 1, sigma: 0.9 },
  YELLOW: { median: 3, sigma: 0.7 },
  RED: { median: 10, sigma: 0.6 },
};

/** How much longer (or shorter) than road each mode takes: the median is multiplied by it. */
export const MODE_FACTOR: { readonly [M in TransportMode]: number } = {
  AIR: 0.6,
  POSTAL: 1.3,
  ROAD: 1,
  RAIL: 1.25,
  SEA: 1.5,
  INLAND_WATERWAY: 1.4,
  FIXED_INSTALLATION: 0.5,
  UNKNOWN: 1,
};

/** A declaration lodged before arrival is ready when the goods come: its median release time is halved. */
export const PRE_ARRIVAL_FACTOR = 0.5;

/** Release time of declarations at an office that has slowed down (incident `office-slowdown`): about 5 days. */
export const SLOWDOWN_RELEASE_HOURS: LogNormal = { median: 120, sigma: 0.25 };

/** How physical examinations are done, and how long each takes in hours. */
export const EXAMINATION_METHOD_WEIGHTS: Weights<ExaminationMethod> = { NII: 40, PARTIAL: 40, FULL: 20 };
export const EXAMINATION_HOURS: { readonly [M in ExaminationMethod]: LogNormal } = {
  NII: { median: 0.3, sigma: 0.5 },
  PARTIAL: { median: 1.5, sigma: 0.5 },
  FULL: { median: 3, sigma: 0.5 },
};

/** The median of the release time of a declaration on `lane`, by `mode` and whether it was lodged before arrival. */
export function medianReleaseHours(lane: Lane, mode: TransportMode, preArrival: boolean): number {
  return RELEASE_HOURS[lane].median * MODE_FACTOR[mode] * (preArrival ? PRE_ARRIVAL_FACTOR : 1);
}

/** A release time in hours: log-normal around {@link medianReleaseHours} with the lane's spread. */
export function drawReleaseHours(random: SeededRandom, lane: Lane, mode: TransportMode, preArrival: boolean): number {
  return random.logNormal(medianReleaseHours(lane, mode, preArrival), RELEASE_HOURS[lane].sigma);
}
