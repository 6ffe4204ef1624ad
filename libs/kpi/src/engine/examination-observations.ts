import { type KpiId } from '@customs-pulse/domain';

import { type DeclarationFacts } from './declaration-facts.js';
import { type Observation } from './observation.js';

/**
 * A declaration with an `ExaminationCompleted`, at `examCompletedAt`: its examination time when the start is known
 * too, and one examined declaration (hit or not, by lane basis) for the hit rate and the targeting lift.
 * Cancelled declarations count here (kpis.md leaves them out of the release-time KPIs only).
 */
export function examinationObservations(
  facts: DeclarationFacts,
  slices: readonly string[],
  observations: Observation[],
  negatives: KpiId[],
): void {
  const { examStarted, examCompleted } = facts;
  if (examCompleted === null) return;
  if (examStarted !== null) {
    const examinationMs = examCompleted.at - examStarted.at;
    if (examinationMs < 0) negatives.push('examination_time_mean');
    else observations.push({ measure: 'examinationTime', at: examCompleted.at, slices, values: [1, examinationMs], sample: null });
  }
  const hit = facts.hit ? 1 : 0;
  const basis = facts.laneAssigned?.basis;
  const criteria = basis === 'CRITERIA' ? 1 : 0;
  const random = basis === 'RANDOM' ? 1 : 0;
  observations.push({
    measure: 'examination',
    at: examCompleted.at,
    slices,
    values: [1, hit, criteria, criteria * hit, random, random * hit],
    sample: null,
  });
}
