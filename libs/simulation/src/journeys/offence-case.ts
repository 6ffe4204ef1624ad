import { type OffenceKind } from '@customs-pulse/domain';
import { type IncidentKind } from '../events/simulated-event.js';
import { OFFENCE_OPEN_HOURS, OFFENCE_OUTCOME_WEIGHTS } from '../profile/enforcement-profile.js';
import { drawWeighted } from '../random/weighted.js';
import { cents, HOUR, type JourneyContext } from './journey-context.js';

export interface OffenceCasePlan {
  readonly officeId: string;
  readonly at: number;
  readonly kind: OffenceKind;
  readonly offenceCode: string;
  readonly declarationId?: string;
  /** What the penalty is reckoned from: the value seized or the duty evaded. */
  readonly penaltyBase: number;
  readonly incident?: IncidentKind;
}

/** An offence case opened at `at` and closed days (administrative) or weeks (criminal) later. */
export function planOffenceCase({ random, planner, currency }: JourneyContext, plan: OffenceCasePlan): void {
  const subject = planner.names.caseId('OC');
  const { officeId, offenceCode, kind, declarationId } = plan;
  planner.plan('OffenceCaseOpened', subject, plan.at, { officeId, offenceCode, kind, ...(declarationId ? { declarationId } : {}) }, plan.incident);
  const open = OFFENCE_OPEN_HOURS[kind];
  const closedAt = plan.at + random.logNormal(open.median, open.sigma) * HOUR;
  const outcome = drawWeighted(random, OFFENCE_OUTCOME_WEIGHTS[kind]);
  const factor = outcome === 'PENALTY' ? random.uniform(0.5, 2) : outcome === 'SETTLED' ? random.uniform(0.2, 0.6) : 0;
  planner.plan('OffenceCaseClosed', subject, closedAt, { outcome, penaltyAmount: cents(plan.penaltyBase * factor), currency }, plan.incident);
}
