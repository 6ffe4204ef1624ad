import { type CaseFacts } from './case-facts.js';
import { type DeclarationFacts } from './declaration-facts.js';
import { type EventStamp } from './event-stamp.js';

/**
 * The latest event time a subject's facts record, for a row stored before the engine kept it beside them
 * (facts-json.ts, `hot`). Events that leave no stamp (a second rejection) are not seen: the time may be earlier than
 * the real latest, which only lets the subject go cold a little sooner.
 */
export function latestDeclarationEventAt(facts: DeclarationFacts): number {
  const { arrived, lodged, laneAssigned, lastReroute, examStarted, examCompleted, released, cancelled, duties } = facts;
  return latestOf([arrived, lodged, laneAssigned, lastReroute, examStarted, examCompleted, released, cancelled, ...duties]);
}

/** As {@link latestDeclarationEventAt}, for an enforcement case. */
export function latestCaseEventAt(facts: CaseFacts): number {
  return latestOf([...facts.seizures, ...facts.audits]);
}

function latestOf(stamps: readonly (EventStamp | null)[]): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const stamp of stamps) if (stamp !== null && stamp.at > latest) latest = stamp.at;
  return latest;
}
