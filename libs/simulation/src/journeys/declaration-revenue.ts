import { type DiscrepancyType, type Regime } from '@customs-pulse/domain';
import {
  DEFERRED_PAYMENT_HOURS,
  DUTY_FREE_IMPORT_SHARE,
  EXPORT_DUTY_RATE,
  EXPORT_DUTY_SHARE,
  IMPORT_TAX_RATES,
  PAYMENT_DELAY_MINUTES,
  PAYMENT_METHOD_WEIGHTS,
  RELEASE_AGAINST_GUARANTEE_SHARE,
  UNPAID_SHARE,
} from '../profile/revenue-profile.js';
import { type SeededRandom } from '../random/seeded-random.js';
import { drawWeighted } from '../random/weighted.js';
import { between, cents, HOUR, type JourneyStep, MINUTE, step } from './journey-context.js';

export interface RevenuePlan {
  readonly regime: Regime;
  readonly customsValue: number;
  readonly laneAt: number;
  readonly releasedAt: number;
  /** Findings of the examination and when it ended: a valuation or classification finding costs more duty. */
  readonly findings: readonly DiscrepancyType[];
  readonly examinedAt: number | undefined;
  /** The reporting currency, named on some amounts (the field is optional). */
  readonly currency: string;
}

export interface RevenueOutcome {
  readonly steps: JourneyStep[];
  /** Whether the goods are released against a guarantee, duties paid after release. */
  readonly againstGuarantee: boolean;
}

const FISCAL_FINDINGS: readonly DiscrepancyType[] = ['VALUATION', 'CLASSIFICATION'];

/**
 * Duties assessed when the lane is assigned (self-assessment accepted by the risk engine), more after a fiscal
 * finding, and paid before release by one of the usual methods, or after it when released against a guarantee.
 */
export function planRevenue(random: SeededRandom, plan: RevenuePlan): RevenueOutcome {
  const rate = dutyRate(random, plan.regime);
  if (rate === 0) return { steps: [], againstGuarantee: false };
  const steps: JourneyStep[] = [];
  const { laneAt, releasedAt } = plan;
  const named = (): { currency?: string } => (random.chance(0.3) ? { currency: plan.currency } : {});
  const assessedAt = laneAt + Math.min(random.logNormal(1, 0.5) * MINUTE, 0.1 * (releasedAt - laneAt));
  const assessed = cents(plan.customsValue * rate);
  steps.push(step('DutiesAssessed', assessedAt, { amount: assessed, ...named() }));
  const againstGuarantee = random.chance(RELEASE_AGAINST_GUARANTEE_SHARE);
  if (!random.chance(UNPAID_SHARE)) {
    if (againstGuarantee) {
      const paidAt = releasedAt + random.logNormal(DEFERRED_PAYMENT_HOURS.median, DEFERRED_PAYMENT_HOURS.sigma) * HOUR;
      steps.push(step('DutiesPaid', paidAt, { amount: assessed, method: random.chance(0.8) ? 'ELECTRONIC' : 'BANK', ...named() }));
    } else {
      const method = drawWeighted(random, PAYMENT_METHOD_WEIGHTS);
      const delay = method === 'GUARANTEE' ? MINUTE : random.logNormal(PAYMENT_DELAY_MINUTES.median, PAYMENT_DELAY_MINUTES.sigma) * MINUTE;
      const paidAt = Math.min(assessedAt + delay, between(assessedAt, releasedAt, 0.9));
      steps.push(step('DutiesPaid', paidAt, { amount: assessed, method, ...named() }));
    }
  }
  const { examinedAt } = plan;
  if (examinedAt !== undefined && plan.findings.some((finding) => FISCAL_FINDINGS.includes(finding))) {
    const extraAt = between(examinedAt, releasedAt, 0.2);
    const extra = cents(assessed * random.uniform(0.1, 0.6));
    steps.push(step('DutiesAssessed', extraAt, { amount: extra, ...named() }));
    steps.push(step('DutiesPaid', between(extraAt, releasedAt, 0.5), { amount: extra, method: 'ELECTRONIC', ...named() }));
  }
  return { steps, againstGuarantee };
}

function dutyRate(random: SeededRandom, regime: Regime): number {
  if (regime === 'IMPORT') return random.chance(DUTY_FREE_IMPORT_SHARE) ? 0 : random.pick(IMPORT_TAX_RATES);
  if (regime === 'EXPORT') return random.chance(EXPORT_DUTY_SHARE) ? EXPORT_DUTY_RATE : 0;
  return 0;
}
