import { type DiscrepancyType, type Lane, type LaneBasis, type TransportMode } from '@customs-pulse/domain';
import { type IncidentKind } from '../events/simulated-event.js';
import {
  CONTROL_BASIS_WEIGHTS,
  DISCREPANCY_WEIGHTS,
  DOCUMENTARY_DISCREPANCY_SHARE,
  DOCUMENTARY_DISCREPANCY_TO_RED,
  HIT_RATE,
  REROUTES,
  RISK_PROFILES,
  RISK_SCORE_RANGE,
} from '../profile/lane-profile.js';
import { drawReleaseHours, EXAMINATION_HOURS, EXAMINATION_METHOD_WEIGHTS } from '../profile/release-time-profile.js';
import { type SeededRandom } from '../random/seeded-random.js';
import { drawWeighted } from '../random/weighted.js';
import { between, HOUR, type JourneyStep, MINUTE, step } from './journey-context.js';

/** How an incident bends an office's lane decisions. */
export type DowngradePressure =
  /** Officers waive the control of this declaration (a burst of `lane-downgrades`). */
  | { readonly forced: true }
  /** Officers waive a control with this probability (`lane-downgrades` while it lasts). */
  | { readonly forced: false; readonly probability: number };

export interface ControlPlan {
  readonly officeId: string;
  readonly mode: TransportMode;
  readonly lane: Lane;
  readonly laneAt: number;
  readonly arrivedAt: number;
  readonly releasedAt: number;
  readonly downgrade?: DowngradePressure;
}

/** The lane decisions and controls of a declaration, and what they change downstream. */
export interface ControlOutcome {
  readonly steps: JourneyStep[];
  /** Later than planned when the declaration was sent to a control it was not expected to have. */
  readonly releasedAt: number;
  /** What the examination found (empty without examination or finding), and when it ended. */
  readonly findings: readonly DiscrepancyType[];
  readonly examinedAt: number | undefined;
  /** Set when an incident waived the control. */
  readonly incident: IncidentKind | undefined;
}

const isControl = (lane: Lane): boolean => lane === 'YELLOW' || lane === 'RED';

/**
 * Lane assignment by the risk engine, an officer's reroute now and then, and the control the final lane calls for:
 * a documentary check (YELLOW, which may end in an examination) or a physical examination (RED).
 */
export function planControls(random: SeededRandom, plan: ControlPlan): ControlOutcome {
  const steps: JourneyStep[] = [];
  const { lane, laneAt, officeId } = plan;
  const basis: LaneBasis = isControl(lane) ? drawWeighted(random, CONTROL_BASIS_WEIGHTS) : 'CRITERIA';
  steps.push(step('LaneAssigned', laneAt, laneData(random, lane, basis)));

  let releasedAt = plan.releasedAt;
  let finalLane = lane;
  let decidedAt = laneAt;
  let incident: IncidentKind | undefined;
  const waived = isControl(lane) && plan.downgrade !== undefined && (plan.downgrade.forced || random.chance(plan.downgrade.probability));
  const reroute: Lane | 'NONE' = waived ? 'GREEN' : drawWeighted(random, REROUTES[lane]);
  if (reroute !== 'NONE') {
    // A waiver comes at once, before anyone looks; an officer's reroute after some review.
    decidedAt = laneAt + Math.min(random.logNormal(waived ? 3 : 30, 0.6) * MINUTE, 0.3 * (releasedAt - laneAt));
    const officerId = waived ? `${officeId}-OFF-${random.pick(['07', '13'])}` : `${officeId}-OFF-${String(random.between(1, 40)).padStart(2, '0')}`;
    const reason = waived ? 'control waived by shift supervisor' : isControl(reroute) ? 'intelligence received' : 'documents verified';
    steps.push(step('LaneRerouted', decidedAt, { fromLane: lane, toLane: reroute, officerId, reason }));
    if (isControl(reroute) && !isControl(lane)) {
      releasedAt = Math.max(releasedAt, decidedAt + drawReleaseHours(random, reroute, plan.mode, false) * HOUR);
    }
    finalLane = reroute;
    if (waived) incident = 'lane-downgrades';
  }

  if (finalLane === 'YELLOW') {
    const checkedAt = between(decidedAt, releasedAt, random.uniform(0.5, 0.9));
    const discrepancy = random.chance(DOCUMENTARY_DISCREPANCY_SHARE);
    steps.push(step('DocumentaryCheckCompleted', checkedAt, { result: discrepancy ? 'DISCREPANCY' : 'COMPLIANT' }));
    if (!discrepancy || !random.chance(DOCUMENTARY_DISCREPANCY_TO_RED)) return { steps, releasedAt, findings: [], examinedAt: undefined, incident };
    decidedAt = checkedAt + 5 * MINUTE;
    steps.push(step('LaneRerouted', decidedAt, { fromLane: 'YELLOW', toLane: 'RED', officerId: `${officeId}-OFF-${String(random.between(1, 40)).padStart(2, '0')}`, reason: 'documentary discrepancy' }));
    releasedAt = Math.max(releasedAt, decidedAt) + drawReleaseHours(random, 'RED', plan.mode, false) * 0.5 * HOUR;
    finalLane = 'RED';
  }
  if (finalLane !== 'RED') return { steps, releasedAt, findings: [], examinedAt: undefined, incident };

  const from = Math.max(plan.arrivedAt, decidedAt);
  const method = drawWeighted(random, EXAMINATION_METHOD_WEIGHTS);
  const startedAt = between(from, releasedAt, random.uniform(0.3, 0.6));
  const hours = random.logNormal(EXAMINATION_HOURS[method].median, EXAMINATION_HOURS[method].sigma);
  const completedAt = startedAt + Math.min(hours * HOUR, 0.8 * (releasedAt - startedAt));
  const findings = random.chance(HIT_RATE[basis]) ? drawFindings(random) : [];
  steps.push(step('ExaminationStarted', startedAt, { method, examinerId: `${officeId}-EX-${String(random.between(1, 25)).padStart(2, '0')}` }));
  steps.push(
    step('ExaminationCompleted', completedAt, findings.length > 0 ? { result: 'DISCREPANCY', discrepancyTypes: findings } : { result: 'NO_FINDING' }),
  );
  return { steps, releasedAt, findings, examinedAt: completedAt, incident };
}

function laneData(random: SeededRandom, lane: Lane, basis: LaneBasis) {
  const [low, high] = basis === 'RANDOM' ? RISK_SCORE_RANGE.GREEN : RISK_SCORE_RANGE[lane];
  const riskScore = Math.round(random.uniform(low, high) * 1000) / 1000;
  const profiled = basis === 'CRITERIA' && isControl(lane);
  return {
    lane,
    basis,
    riskScore,
    ...(profiled ? { profileIds: random.shuffled(RISK_PROFILES).slice(0, random.between(1, 2)) } : {}),
  };
}

function drawFindings(random: SeededRandom): DiscrepancyType[] {
  const first = drawWeighted(random, DISCREPANCY_WEIGHTS);
  const second = random.chance(0.3) ? drawWeighted(random, DISCREPANCY_WEIGHTS) : first;
  return second === first ? [first] : [first, second];
}
