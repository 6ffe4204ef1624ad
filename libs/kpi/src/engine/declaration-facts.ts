import { type Lane, type LaneBasis, type PaymentMethod, type Regime, type TransportMode } from '@customs-pulse/domain';

import { type EventStamp } from './event-stamp.js';

/** The earliest `GoodsArrived`: `arrivedAt`, and the office and mode to fall back on without a lodgement. */
export interface ArrivalFact extends EventStamp {
  readonly officeId: string;
  readonly transportMode: TransportMode;
}

/** The earliest `DeclarationLodged`: `lodgedAt` and the declaration's attributes. */
export interface LodgementFact extends EventStamp {
  readonly officeId: string;
  readonly regime: Regime;
  readonly transportMode: TransportMode;
  readonly aeo: boolean;
  readonly electronic: boolean;
  readonly preArrival: boolean;
  readonly customsValue: number;
}

/** The earliest `LaneAssigned`: `laneAssignedAt`, `initialLane` and `basis`. */
export interface LaneFact extends EventStamp {
  readonly lane: Lane;
  readonly basis: LaneBasis;
}

/** The latest `LaneRerouted`: its `toLane` is the `finalLane`. */
export interface RerouteFact extends EventStamp {
  readonly toLane: Lane;
}

/**
 * One `DutiesAssessed` or `DutiesPaid` of the declaration. Kept one by one, because each is its own observation yet
 * takes its office slice from the declaration, which a later event may reveal.
 */
export interface DutyFact extends EventStamp {
  readonly kind: 'assessed' | 'paid';
  readonly amount: number;
  /** How it was paid; `null` for an assessment. */
  readonly method: PaymentMethod | null;
}

/**
 * What the KPIs know of one declaration (kpis.md, "Declaration facts"): a join-semilattice over its events. Each
 * field is an earliest, a latest, an OR or a set, so folding the same events in any order, or one event twice, gives
 * the same facts.
 */
export interface DeclarationFacts {
  arrived: ArrivalFact | null;
  lodged: LodgementFact | null;
  laneAssigned: LaneFact | null;
  lastReroute: RerouteFact | null;
  /** Some reroute went from RED or YELLOW to GREEN or BLUE. */
  downgraded: boolean;
  examStarted: EventStamp | null;
  examCompleted: EventStamp | null;
  /** Some `ExaminationCompleted` found a DISCREPANCY. */
  hit: boolean;
  /** Some `DeclarationRejected` exists. */
  rejected: boolean;
  released: EventStamp | null;
  cancelled: EventStamp | null;
  /** Assessments and payments, ascending by stamp, each event once. */
  duties: DutyFact[];
}

/** The facts of a declaration no event has been seen for. */
export function emptyDeclarationFacts(): DeclarationFacts {
  return {
    arrived: null,
    lodged: null,
    laneAssigned: null,
    lastReroute: null,
    downgraded: false,
    examStarted: null,
    examCompleted: null,
    hit: false,
    rejected: false,
    released: null,
    cancelled: null,
    duties: [],
  };
}

/** `finalLane`: the latest reroute's `toLane`, else the initial lane; `null` without a lane assignment. */
export function finalLaneOf(facts: DeclarationFacts): Lane | null {
  if (facts.laneAssigned === null) return null;
  return facts.lastReroute?.toLane ?? facts.laneAssigned.lane;
}

/** The slice attributes a declaration has: from its lodgement, else office and mode from its arrival. */
export interface DeclarationAttributes {
  readonly officeId: string | null;
  readonly transportMode: TransportMode | null;
  readonly regime: Regime | null;
}

/** The declaration's attributes as kpis.md defines them; an unknown one is `null`. */
export function attributesOf(facts: DeclarationFacts): DeclarationAttributes {
  const source = facts.lodged ?? facts.arrived;
  return {
    officeId: source?.officeId ?? null,
    transportMode: source?.transportMode ?? null,
    regime: facts.lodged?.regime ?? null,
  };
}
