import { type DetectionMethod } from '@customs-pulse/domain';

import { type CaseFacts } from './case-facts.js';
import { type Contributions, NO_CONTRIBUTIONS } from './contributions.js';
import { splitAmount } from './money.js';
import { type Observation } from './observation.js';
import { officeSlices, seizureSlices } from './slices.js';

/** Detection methods that count as targeted controls for `risk_based_seizure_share`. */
const RISK_BASED: ReadonlySet<DetectionMethod> = new Set(['RISK_PROFILE', 'INTELLIGENCE', 'NII', 'CANINE']);

/** Each seizure and audit of an enforcement case, at its own time, in the slices of its own attributes. */
export function caseContributions(facts: CaseFacts): Contributions {
  if (facts.seizures.length === 0 && facts.audits.length === 0) return NO_CONTRIBUTIONS;
  const observations: Observation[] = [];
  for (const seizure of facts.seizures) {
    const { whole, fraction } = splitAmount(seizure.estimatedValue);
    observations.push({
      measure: 'seizure',
      at: seizure.at,
      slices: seizureSlices(seizure.officeId, seizure.transportMode, seizure.category),
      values: [1, RISK_BASED.has(seizure.detectionMethod) ? 1 : 0, whole, fraction],
      sample: null,
    });
  }
  for (const audit of facts.audits) {
    const { whole, fraction } = splitAmount(audit.additionalAssessed);
    observations.push({
      measure: 'audit',
      at: audit.at,
      slices: officeSlices(audit.officeId),
      values: [1, audit.finding === 'NON_COMPLIANT' ? 1 : 0, whole, fraction],
      sample: null,
    });
  }
  return { observations, negatives: NO_CONTRIBUTIONS.negatives };
}
