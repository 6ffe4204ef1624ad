import { type Lane, type Regime, type TransportMode } from '@customs-pulse/domain';
import { type CustomsOffice } from '../administration/customs-offices.js';
import { type Trader } from '../administration/traders.js';
import { type IncidentKind } from '../events/simulated-event.js';
import { BLUE_LANE_AUDIT_HOURS, BLUE_LANE_AUDIT_SHARE, OFFENCE_AFTER_FISCAL_FINDING_SHARE, OFFENCE_CODES } from '../profile/enforcement-profile.js';
import { AEO_DECLARATION_SHARE, LANE_WEIGHTS } from '../profile/lane-profile.js';
import {
  CANCELLATION_SHARE,
  ECOMMERCE_SHARE,
  ELECTRONIC_SHARE,
  EXIT_HOURS,
  EXIT_REPORTED_SHARE,
  HS_CODES,
  MISSING_ARRIVAL_SHARE,
  ORIGIN_WEIGHTS,
  REGIME_WEIGHTS,
  REJECTED_THEN_CANCELLED,
  REJECTION_CODES,
  REJECTION_SHARE,
} from '../profile/lodgement-profile.js';
import { AEO_VALUE_FACTOR, CUSTOMS_VALUE } from '../profile/revenue-profile.js';
import { drawWeighted } from '../random/weighted.js';
import { conveyanceRef } from './conveyance-ref.js';
import { type DowngradePressure, planControls } from './declaration-controls.js';
import { planRevenue } from './declaration-revenue.js';
import { drawTimeline } from './declaration-timeline.js';
import { between, cents, HOUR, type JourneyContext, type JourneyStep, MINUTE, step } from './journey-context.js';
import { planOffenceCase } from './offence-case.js';
import { planPostClearanceAudit } from './post-clearance-audit.js';
import { planSeizure } from './seizure-case.js';

/** One declaration to simulate, and how an incident bends it. */
export interface DeclarationPlan {
  readonly office: CustomsOffice;
  /** When it starts (its lodgement or the goods' arrival, whichever is first); with `slowdown`, when it is released. */
  readonly at: number;
  /** The office has slowed down: the goods are released at about `at`, after about five days. */
  readonly slowdown?: boolean;
  /** The initial lane, instead of the risk engine's draw. */
  readonly lane?: Lane;
  readonly downgrade?: DowngradePressure;
  /** The incident that created this declaration; its events are tagged with it. */
  readonly incident?: IncidentKind;
}

/**
 * The life of one declaration, from arrival and lodgement to release and exit, with its lane, controls, duties and
 * what its examination may lead to (a seizure, an offence case, more duty); a BLUE-lane release may be audited.
 */
export function planDeclaration(context: JourneyContext, plan: DeclarationPlan): void {
  const { random, planner, traders, currency } = context;
  const { office } = plan;
  const subject = planner.names.declaration(office.id);
  const mode = drawWeighted(random, office.modes);
  const regime = drawWeighted(random, REGIME_WEIGHTS);
  const aeo = random.chance(AEO_DECLARATION_SHARE);
  const trader = traders.draw(random, aeo);
  const lane = plan.lane ?? drawWeighted(random, aeo ? LANE_WEIGHTS.aeo : LANE_WEIGHTS.other);
  // A control that will be waived takes no time: the goods go as fast as green ones.
  const timelineLane = plan.downgrade?.forced ? 'GREEN' : lane;
  const timeline = drawTimeline(random, { at: plan.at, lane: timelineLane, mode, aeo, slowdown: plan.slowdown ?? false });
  const { arrivedAt, lodgedAt, preArrival } = timeline;
  const customsValue = cents(random.logNormal(CUSTOMS_VALUE.median * (aeo ? AEO_VALUE_FACTOR : 1), CUSTOMS_VALUE.sigma));
  const ordinary = plan.incident === undefined;

  const steps: JourneyStep[] = [];
  if (!ordinary || !random.chance(MISSING_ARRIVAL_SHARE)) {
    steps.push(step('GoodsArrived', arrivedAt, { officeId: office.id, transportMode: mode, ...(random.chance(0.7) ? { conveyanceRef: conveyanceRef(random, mode) } : {}) }));
  }
  steps.push(step('DeclarationLodged', lodgedAt, lodgement(context, { office, regime, mode, trader, preArrival, customsValue })));

  const window = timeline.releasedAt - lodgedAt;
  let laneAt = lodgedAt + Math.min(random.logNormal(2, 0.5) * MINUTE, 0.15 * window);
  if (ordinary && random.chance(REJECTION_SHARE)) {
    const rejectedAt = lodgedAt + window * random.uniform(0.02, 0.1);
    steps.push(step('DeclarationRejected', rejectedAt, { errorCodes: random.shuffled(REJECTION_CODES).slice(0, random.between(1, 2)) }));
    if (random.chance(REJECTED_THEN_CANCELLED)) {
      steps.push(step('DeclarationCancelled', rejectedAt + random.logNormal(30, 0.6) * MINUTE, { reason: 'withdrawn after rejection' }));
      planSteps(context, subject, steps, plan.incident);
      return;
    }
    laneAt = rejectedAt + Math.min(random.logNormal(40, 0.6) * MINUTE, 0.15 * window);
  }

  const controls = planControls(random, {
    officeId: office.id,
    mode,
    lane,
    laneAt,
    arrivedAt,
    releasedAt: timeline.releasedAt,
    ...(plan.downgrade ? { downgrade: plan.downgrade } : {}),
  });
  steps.push(...controls.steps);
  const { releasedAt, findings, examinedAt } = controls;
  const revenue = planRevenue(random, { regime, customsValue, laneAt, releasedAt, findings, examinedAt, currency });
  steps.push(...revenue.steps);

  let cancelledAt: number | undefined;
  if (examinedAt !== undefined && findings.includes('PROHIBITED')) {
    planSeizure(context, {
      officeId: office.id,
      transportMode: mode,
      at: examinedAt + random.logNormal(30, 0.5) * MINUTE,
      detectionMethod: random.chance(0.5) ? 'NII' : 'RISK_PROFILE',
      declarationId: subject,
    });
    cancelledAt = examinedAt + random.logNormal(24, 0.5) * HOUR;
    steps.push(step('DeclarationCancelled', cancelledAt, { reason: 'goods seized' }));
  } else if (examinedAt !== undefined && findings.some((finding) => finding === 'VALUATION' || finding === 'CLASSIFICATION')) {
    if (random.chance(OFFENCE_AFTER_FISCAL_FINDING_SHARE)) {
      planOffenceCase(context, {
        officeId: office.id,
        at: examinedAt + random.logNormal(3, 0.5) * HOUR,
        kind: 'ADMINISTRATIVE',
        offenceCode: random.pick(OFFENCE_CODES.fiscal),
        declarationId: subject,
        penaltyBase: customsValue * 0.1,
      });
    }
  } else if (ordinary && random.chance(CANCELLATION_SHARE)) {
    cancelledAt = between(lodgedAt, releasedAt, random.uniform(0.1, 0.9));
    steps.push(step('DeclarationCancelled', cancelledAt, { reason: 'withdrawn by the declarant' }));
  }

  if (cancelledAt === undefined) {
    steps.push(step('GoodsReleased', releasedAt, { releaseType: revenue.againstGuarantee ? 'AGAINST_GUARANTEE' : 'NORMAL' }));
    if (random.chance(EXIT_REPORTED_SHARE[regime])) {
      const exit = EXIT_HOURS[regime];
      steps.push(step('GoodsExited', releasedAt + random.logNormal(exit.median, exit.sigma) * HOUR, { gate: `${office.id}-G${random.between(1, 4)}` }));
    }
    if (lane === 'BLUE' && random.chance(BLUE_LANE_AUDIT_SHARE)) {
      const auditAt = releasedAt + random.logNormal(BLUE_LANE_AUDIT_HOURS.median, BLUE_LANE_AUDIT_HOURS.sigma) * HOUR;
      planPostClearanceAudit(context, { officeId: office.id, traderId: trader.id, at: auditAt });
    }
  }
  const happened = steps.filter(({ time }) => cancelledAt === undefined || time <= cancelledAt);
  planSteps(context, subject, happened, plan.incident ?? controls.incident);
}

/** The declaration's events in the order they happen. */
function planSteps({ planner }: JourneyContext, subject: string, steps: readonly JourneyStep[], incident: IncidentKind | undefined): void {
  for (const { type, time, data } of [...steps].sort((a, b) => a.time - b.time)) planner.plan(type, subject, time, data, incident);
}

function lodgement(
  { random, currency }: JourneyContext,
  { office, regime, mode, trader, preArrival, customsValue }: { office: CustomsOffice; regime: Regime; mode: TransportMode; trader: Trader; preArrival: boolean; customsValue: number },
) {
  const ecommerceShare = ECOMMERCE_SHARE[mode];
  return {
    officeId: office.id,
    regime,
    transportMode: mode,
    declarantId: trader.id,
    aeo: trader.aeo,
    electronic: random.chance(ELECTRONIC_SHARE),
    preArrival,
    customsValue,
    ...(random.chance(0.3) ? { currency } : {}),
    hsCodes: random.shuffled(HS_CODES[regime]).slice(0, random.between(1, 3)),
    originCountry: regime === 'EXPORT' ? 'UZ' : drawWeighted(random, ORIGIN_WEIGHTS),
    ...(ecommerceShare === undefined ? {} : { ecommerce: random.chance(ecommerceShare) }),
  };
}
