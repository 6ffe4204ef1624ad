import { type Lane } from '@customs-pulse/domain';

import { type DeclarationFacts } from './declaration-facts.js';
import { type TypedEngineEvent } from './engine-event.js';
import { type EventStamp, insertByStamp, isEarlier, isLater } from './event-stamp.js';

const DOWNGRADED_FROM: ReadonlySet<string> = new Set(['RED', 'YELLOW']);
const DOWNGRADED_TO: ReadonlySet<string> = new Set(['GREEN', 'BLUE']);

/**
 * Folds one clearance event into its declaration's facts, in place; `at` is the event's `time` in epoch ms.
 * Order-independent and idempotent: every field is an earliest, a latest, an OR or a set of events.
 * @returns whether the facts changed, so that unchanged facts skip recomputing their contributions.
 */
export function foldDeclarationEvent(facts: DeclarationFacts, event: TypedEngineEvent, at: number): boolean {
  // Facts are built as plain literals, not spread from the stamp: object spread is several times slower in V8.
  const { id, source } = event;
  const stamp: EventStamp = { at, id, source };
  switch (event.type) {
    case 'GoodsArrived': {
      if (!isEarlier(stamp, facts.arrived)) return false;
      const { officeId, transportMode } = event.data;
      facts.arrived = { at, id, source, officeId, transportMode };
      return true;
    }
    case 'DeclarationLodged': {
      if (!isEarlier(stamp, facts.lodged)) return false;
      const { officeId, regime, transportMode, aeo, electronic, preArrival, customsValue } = event.data;
      facts.lodged = { at, id, source, officeId, regime, transportMode, aeo, electronic, preArrival, customsValue };
      return true;
    }
    case 'DeclarationRejected':
      if (facts.rejected) return false;
      facts.rejected = true;
      return true;
    case 'LaneAssigned':
      if (!isEarlier(stamp, facts.laneAssigned)) return false;
      facts.laneAssigned = { at, id, source, lane: event.data.lane, basis: event.data.basis };
      return true;
    case 'LaneRerouted':
      return foldReroute(facts, stamp, event.data.fromLane, event.data.toLane);
    case 'ExaminationStarted':
      if (!isEarlier(stamp, facts.examStarted)) return false;
      facts.examStarted = stamp;
      return true;
    case 'ExaminationCompleted':
      return foldExaminationCompleted(facts, stamp, event.data.result === 'DISCREPANCY');
    case 'DutiesAssessed':
      return insertByStamp(facts.duties, { at, id, source, kind: 'assessed', amount: event.data.amount, method: null });
    case 'DutiesPaid': {
      const { amount, method } = event.data;
      return insertByStamp(facts.duties, { at, id, source, kind: 'paid', amount, method });
    }
    case 'GoodsReleased':
      if (!isEarlier(stamp, facts.released)) return false;
      facts.released = stamp;
      return true;
    case 'DeclarationCancelled':
      if (!isEarlier(stamp, facts.cancelled)) return false;
      facts.cancelled = stamp;
      return true;
    default:
      // DocumentaryCheckCompleted and GoodsExited feed no KPI; enforcement events are not declaration events.
      return false;
  }
}

function foldReroute(facts: DeclarationFacts, stamp: EventStamp, fromLane: Lane, toLane: Lane): boolean {
  let changed = false;
  if (isLater(stamp, facts.lastReroute)) {
    facts.lastReroute = { at: stamp.at, id: stamp.id, source: stamp.source, toLane };
    changed = true;
  }
  if (!facts.downgraded && DOWNGRADED_FROM.has(fromLane) && DOWNGRADED_TO.has(toLane)) {
    facts.downgraded = true;
    changed = true;
  }
  return changed;
}

function foldExaminationCompleted(facts: DeclarationFacts, stamp: EventStamp, discrepancy: boolean): boolean {
  let changed = false;
  if (isEarlier(stamp, facts.examCompleted)) {
    facts.examCompleted = stamp;
    changed = true;
  }
  if (discrepancy && !facts.hit) {
    facts.hit = true;
    changed = true;
  }
  return changed;
}
