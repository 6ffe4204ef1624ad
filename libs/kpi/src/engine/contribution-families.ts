import { type ProducerEventType } from '@customs-pulse/domain';

import { type DeclarationFacts } from './declaration-facts.js';

/**
 * The parts of what a declaration contributes (declaration-contributions.ts), each computed from its own facts, as bit
 * flags: a set of families is their sum. Every family also reads the declaration's attributes (its slices).
 */
export const FAMILY = {
  /** `releaseTime` and `processingTime`: released, cancelled, arrived, lodged. */
  release: 1,
  /** `laneAssignment`: laneAssigned, lastReroute, downgraded. */
  lane: 2,
  /** `lodgement`: lodged, rejected. */
  lodgement: 4,
  /** `backlog`: lodged, released, cancelled. */
  backlog: 8,
  /** `examinationTime` and `examination`: examStarted, examCompleted, hit, the basis of laneAssigned. */
  examination: 16,
  /** `duties`: each duty, in the office of the declaration. */
  duties: 32,
  /**
   * The TRS report's daily aggregates (trs-measures.ts): every milestone, the final lane, AEO and pre-arrival, and
   * the release-time population's rule (released, cancelled, arrived).
   */
  trs: 64,
} as const;

/** A set of {@link FAMILY} flags. */
export type FamilySet = number;

/** Every family. */
export const ALL_FAMILIES: FamilySet = Object.values(FAMILY).reduce((set, flag) => set | flag, 0);

/**
 * The families an event of each type can change: those reading a fact its fold writes (fold-declaration-event.ts).
 * The others are left as they are, not recomputed. Arrival and lodgement carry the declaration's attributes, which
 * every family's slices depend on: they can change everything. Enforcement events are not a declaration's.
 */
const FAMILIES_CHANGED_BY: Readonly<Record<ProducerEventType, FamilySet>> = {
  GoodsArrived: ALL_FAMILIES,
  DeclarationLodged: ALL_FAMILIES,
  DeclarationRejected: FAMILY.lodgement,
  LaneAssigned: FAMILY.lane | FAMILY.examination | FAMILY.trs,
  LaneRerouted: FAMILY.lane | FAMILY.trs,
  DocumentaryCheckCompleted: 0,
  ExaminationStarted: FAMILY.examination | FAMILY.trs,
  ExaminationCompleted: FAMILY.examination | FAMILY.trs,
  DutiesAssessed: FAMILY.duties,
  DutiesPaid: FAMILY.duties,
  GoodsReleased: FAMILY.release | FAMILY.backlog | FAMILY.trs,
  GoodsExited: 0,
  DeclarationCancelled: FAMILY.release | FAMILY.backlog | FAMILY.trs,
  SeizureRecorded: 0,
  OffenceCaseOpened: 0,
  OffenceCaseClosed: 0,
  PostClearanceAuditCompleted: 0,
};

/** The families folding an event of `type` into `facts` (as they are before it) can change. */
export function familiesChangedBy(type: ProducerEventType, facts: DeclarationFacts): FamilySet {
  // Once lodged, a declaration takes its attributes from the lodgement: an arrival then changes `arrivedAt` only.
  if (type === 'GoodsArrived' && facts.lodged !== null) return FAMILY.release | FAMILY.trs;
  return FAMILIES_CHANGED_BY[type];
}
