import { type DeclarationFacts, finalLaneOf } from '../engine/declaration-facts.js';
import { type EventStamp } from '../engine/event-stamp.js';
import { trsSegments, type TrsSegment } from './trs-segments.js';

/** A declaration's facts as kpis.md names them; times RFC 3339 UTC, `null` when unknown. */
export interface DeclarationFactsView {
  readonly arrivedAt: string | null;
  readonly lodgedAt: string | null;
  readonly officeId: string | null;
  readonly regime: string | null;
  readonly transportMode: string | null;
  readonly aeo: boolean | null;
  readonly electronic: boolean | null;
  readonly preArrival: boolean | null;
  readonly customsValue: number | null;
  readonly laneAssignedAt: string | null;
  readonly initialLane: string | null;
  readonly basis: string | null;
  readonly finalLane: string | null;
  readonly downgraded: boolean;
  readonly examStartedAt: string | null;
  readonly examCompletedAt: string | null;
  readonly hit: boolean;
  readonly rejected: boolean;
  readonly releasedAt: string | null;
  readonly cancelledAt: string | null;
}

/** `GET /api/declarations/:id`: the declaration's facts and its Time Release Study segments. */
export interface DeclarationReport {
  readonly id: string;
  readonly facts: DeclarationFactsView;
  readonly segments: readonly TrsSegment[];
  /** The store position the projection had applied when it answered. */
  readonly position: number;
}

/** The report of one declaration, from the facts the engine folded. */
export function declarationReport(id: string, facts: Readonly<DeclarationFacts>, position: number): DeclarationReport {
  const { arrived, lodged, laneAssigned } = facts;
  const view: DeclarationFactsView = {
    arrivedAt: timeOf(arrived),
    lodgedAt: timeOf(lodged),
    // kpis.md: without a lodgement, office and mode come from the earliest arrival; the rest is unknown.
    officeId: lodged?.officeId ?? arrived?.officeId ?? null,
    regime: lodged?.regime ?? null,
    transportMode: lodged?.transportMode ?? arrived?.transportMode ?? null,
    aeo: lodged?.aeo ?? null,
    electronic: lodged?.electronic ?? null,
    preArrival: lodged?.preArrival ?? null,
    customsValue: lodged?.customsValue ?? null,
    laneAssignedAt: timeOf(laneAssigned),
    initialLane: laneAssigned?.lane ?? null,
    basis: laneAssigned?.basis ?? null,
    finalLane: finalLaneOf(facts),
    downgraded: facts.downgraded,
    examStartedAt: timeOf(facts.examStarted),
    examCompletedAt: timeOf(facts.examCompleted),
    hit: facts.hit,
    rejected: facts.rejected,
    releasedAt: timeOf(facts.released),
    cancelledAt: timeOf(facts.cancelled),
  };
  return { id, facts: view, segments: trsSegments(facts), position };
}

function timeOf(stamp: EventStamp | null): string | null {
  return stamp === null ? null : new Date(stamp.at).toISOString();
}
