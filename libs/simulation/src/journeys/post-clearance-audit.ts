import { AUDIT_ADDITIONAL_ASSESSED, AUDIT_FINDING_WEIGHTS } from '../profile/enforcement-profile.js';
import { drawWeighted } from '../random/weighted.js';
import { cents, type JourneyContext } from './journey-context.js';

/** A post-clearance audit of `traderId` that ends at `at`: compliant, or not and with more duty assessed. */
export function planPostClearanceAudit({ random, planner, currency }: JourneyContext, plan: { officeId: string; traderId: string; at: number }): void {
  const finding = drawWeighted(random, AUDIT_FINDING_WEIGHTS);
  const additionalAssessed =
    finding === 'NON_COMPLIANT' ? cents(random.logNormal(AUDIT_ADDITIONAL_ASSESSED.median, AUDIT_ADDITIONAL_ASSESSED.sigma)) : 0;
  planner.plan('PostClearanceAuditCompleted', planner.names.caseId('PCA'), plan.at, {
    officeId: plan.officeId,
    traderId: plan.traderId,
    finding,
    additionalAssessed,
    ...(random.chance(0.3) ? { currency } : {}),
  });
}
