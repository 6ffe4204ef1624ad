import { type DetectionMethod, type SeizureCategory, type TransportMode } from '@customs-pulse/domain';
import { type IncidentKind } from '../events/simulated-event.js';
import {
  CRIMINAL_CATEGORIES,
  CRIMINAL_VALUE,
  DETECTION_METHOD_WEIGHTS,
  OFFENCE_AFTER_SEIZURE_SHARE,
  OFFENCE_CODES,
  SEIZURE_CATEGORY_WEIGHTS,
  SEIZURE_PROFILE,
} from '../profile/enforcement-profile.js';
import { drawWeighted } from '../random/weighted.js';
import { cents, HOUR, type JourneyContext } from './journey-context.js';
import { planOffenceCase } from './offence-case.js';

export interface SeizurePlan {
  readonly officeId: string;
  readonly transportMode: TransportMode;
  readonly at: number;
  /** Drawn from the profile unless given. */
  readonly category?: SeizureCategory;
  readonly detectionMethod?: DetectionMethod;
  /** At least this estimated value (an incident's seizures are large). */
  readonly minimumValue?: number;
  /** The declaration whose examination found the goods. */
  readonly declarationId?: string;
  readonly incident?: IncidentKind;
}

/** A seizure and, often, the offence case it opens. */
export function planSeizure(context: JourneyContext, plan: SeizurePlan): void {
  const { random, planner, currency } = context;
  const category = plan.category ?? drawWeighted(random, SEIZURE_CATEGORY_WEIGHTS);
  const profile = SEIZURE_PROFILE[category];
  const drawn = random.logNormal(profile.quantity.median, profile.quantity.sigma);
  const quantity = profile.whole ? Math.max(1, Math.round(drawn)) : Math.max(0.001, Math.round(drawn * 1000) / 1000);
  const estimatedValue = cents(Math.max(plan.minimumValue ?? 0, random.logNormal(profile.value.median, profile.value.sigma)));
  const subject = planner.names.caseId('SZ');
  planner.plan(
    'SeizureRecorded',
    subject,
    plan.at,
    {
      officeId: plan.officeId,
      transportMode: plan.transportMode,
      category,
      detectionMethod: plan.detectionMethod ?? drawWeighted(random, DETECTION_METHOD_WEIGHTS),
      quantity,
      unit: profile.unit,
      estimatedValue,
      ...(random.chance(0.3) ? { currency } : {}),
      ...(plan.declarationId ? { declarationId: plan.declarationId } : {}),
    },
    plan.incident,
  );
  const criminal = CRIMINAL_CATEGORIES.includes(category) || estimatedValue > CRIMINAL_VALUE;
  if (!criminal && !random.chance(OFFENCE_AFTER_SEIZURE_SHARE)) return;
  planOffenceCase(context, {
    officeId: plan.officeId,
    at: plan.at + random.logNormal(2, 0.6) * HOUR,
    kind: criminal ? 'CRIMINAL' : 'ADMINISTRATIVE',
    offenceCode: category === 'IPR' ? 'IPR_INFRINGEMENT' : category === 'CURRENCY' ? 'UNDECLARED_CURRENCY' : random.pick(OFFENCE_CODES.seizure.slice(0, 2)),
    ...(plan.declarationId ? { declarationId: plan.declarationId } : {}),
    penaltyBase: estimatedValue,
    ...(plan.incident ? { incident: plan.incident } : {}),
  });
}
