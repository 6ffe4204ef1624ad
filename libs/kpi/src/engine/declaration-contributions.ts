import { type KpiId } from '@customs-pulse/domain';

import { ALL_FAMILIES, FAMILY, type FamilySet } from './contribution-families.js';
import { type Contributions, NO_CONTRIBUTIONS, RELEASE_TIME_KPIS } from './contributions.js';
import { type DeclarationFacts, attributesOf, finalLaneOf } from './declaration-facts.js';
import { HOUR_MS } from './bucket-time.js';
import { dutyObservations } from './duty-observations.js';
import { examinationObservations } from './examination-observations.js';
import { backlogObservations, lodgementObservations } from './lodgement-observations.js';
import { type Observation } from './observation.js';
import { declarationSlices } from './slices.js';
import { trsObservations } from './trs-observations.js';

/** What contributions depend on besides the facts. */
export interface ContributionOptions {
  /** `RELEASE_TARGET_HOURS` in milliseconds. */
  readonly releaseTargetMs: number;
}

/**
 * What one declaration contributes, as a pure function of its facts (kpis.md, "Catalogue", column "at"): everything,
 * or the part of it that `families` name, in the same order. Cancelled declarations leave the release-time KPIs only;
 * a negative duration is left out of its KPI and reported in `negatives` instead, never clamped.
 */
export function declarationContributions(
  facts: DeclarationFacts,
  options: ContributionOptions,
  families: FamilySet = ALL_FAMILIES,
): Contributions {
  const attributes = attributesOf(facts);
  const slices = declarationSlices(attributes.officeId, attributes.transportMode, attributes.regime);
  const observations: Observation[] = [];
  const negatives: KpiId[] = [];
  if ((families & FAMILY.release) !== 0) releaseObservations(facts, slices, options, observations, negatives);
  if ((families & FAMILY.lane) !== 0) laneObservation(facts, slices, observations);
  if ((families & FAMILY.lodgement) !== 0) lodgementObservations(facts, slices, observations);
  if ((families & FAMILY.backlog) !== 0) backlogObservations(facts, slices, observations);
  if ((families & FAMILY.examination) !== 0) examinationObservations(facts, slices, observations, negatives);
  if ((families & FAMILY.duties) !== 0) dutyObservations(facts.duties, attributes.officeId, observations);
  if ((families & FAMILY.trs) !== 0) trsObservations(facts, slices, observations);
  if (observations.length === 0 && negatives.length === 0) return NO_CONTRIBUTIONS;
  return { observations, negatives: negatives.length === 0 ? NO_CONTRIBUTIONS.negatives : negatives };
}

function releaseObservations(
  facts: DeclarationFacts,
  slices: readonly string[],
  options: ContributionOptions,
  observations: Observation[],
  negatives: KpiId[],
): void {
  const { released, arrived, lodged } = facts;
  if (released === null || facts.cancelled !== null) return;
  if (arrived !== null) {
    const releaseMs = released.at - arrived.at;
    if (releaseMs < 0) {
      negatives.push(...RELEASE_TIME_KPIS);
    } else {
      const withinTarget = releaseMs <= options.releaseTargetMs ? 1 : 0;
      observations.push({
        measure: 'releaseTime',
        at: released.at,
        slices,
        values: [1, releaseMs, withinTarget],
        sample: releaseMs / HOUR_MS,
      });
    }
  }
  // Stands on its own two facts: no `arrivedAt` needed (kpis.md).
  if (lodged !== null) {
    const processingMs = released.at - lodged.at;
    if (processingMs < 0) negatives.push('processing_time_mean');
    else observations.push({ measure: 'processingTime', at: released.at, slices, values: [1, processingMs], sample: null });
  }
}

function laneObservation(facts: DeclarationFacts, slices: readonly string[], observations: Observation[]): void {
  const lane = finalLaneOf(facts);
  if (lane === null || facts.laneAssigned === null) return;
  const values = [1, lane === 'GREEN' ? 1 : 0, lane === 'YELLOW' ? 1 : 0, lane === 'RED' ? 1 : 0, facts.downgraded ? 1 : 0];
  observations.push({ measure: 'laneAssignment', at: facts.laneAssigned.at, slices, values, sample: null });
}
