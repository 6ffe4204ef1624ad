import { type DeclarationFacts, attributesOf } from './declaration-facts.js';
import { type KpiFilters } from './slices.js';

/** The filters the TRS report takes (targets-and-reports.md): slices of the release-time population. */
export type TrsFilters = Pick<KpiFilters, 'office' | 'transportMode' | 'regime'>;

/**
 * A declaration of the TRS report's population (kpis.md's release-time population): its release time and the
 * attributes the report filters by. Kept beside its facts in the read model, so that the report's longest releases
 * are read from an index rather than by parsing every declaration of the period.
 */
export interface TrsRelease {
  /** `releasedAt` − `arrivedAt`, in milliseconds; never negative. */
  readonly releaseMs: number;
  readonly office: string | null;
  readonly transportMode: string | null;
  readonly regime: string | null;
}

/**
 * The declaration's place in the TRS population, `null` when it has none: released, not cancelled, with both
 * `arrivedAt` and `releasedAt`, and a release time that is not negative (a negative one is left out of the
 * release-time KPIs, never clamped).
 */
export function trsReleaseOf(facts: DeclarationFacts): TrsRelease | null {
  const { arrived, released, cancelled } = facts;
  if (arrived === null || released === null || cancelled !== null) return null;
  const releaseMs = released.at - arrived.at;
  if (releaseMs < 0) return null;
  const attributes = attributesOf(facts);
  return { releaseMs, office: attributes.officeId, transportMode: attributes.transportMode, regime: attributes.regime };
}

/** Whether a declaration of the population matches every filter given. */
export function matchesTrsFilters(release: TrsRelease, filters: TrsFilters): boolean {
  return (
    (filters.office === undefined || release.office === filters.office) &&
    (filters.transportMode === undefined || release.transportMode === filters.transportMode) &&
    (filters.regime === undefined || release.regime === filters.regime)
  );
}
