import { type KpiId } from '@customs-pulse/domain';

import { type Observation } from './observation.js';

/** What one subject contributes to the KPIs: observations, and the data-quality items its facts raise. */
export interface Contributions {
  readonly observations: readonly Observation[];
  /** One entry per negative duration left out of a KPI (kpis.md), by the KPI it was left out of. */
  readonly negatives: readonly KpiId[];
}

/** A subject that contributes nothing (yet). */
export const NO_CONTRIBUTIONS: Contributions = Object.freeze({
  observations: Object.freeze([]),
  negatives: Object.freeze([]),
});

/** The KPIs a negative release time is left out of, each counting it once in the quality figures. */
export const RELEASE_TIME_KPIS: readonly KpiId[] = Object.freeze([
  'release_time_mean',
  'release_time_p50',
  'release_time_p90',
  'released_within_target_rate',
]);
