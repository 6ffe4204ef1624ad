import {
  type AuditFinding,
  type DetectionMethod,
  type SeizureCategory,
  type TransportMode,
} from '@customs-pulse/domain';

import { type TypedEngineEvent } from './engine-event.js';
import { type EventStamp, insertByStamp } from './event-stamp.js';

/** One `SeizureRecorded`. */
export interface SeizureFact extends EventStamp {
  readonly officeId: string;
  readonly transportMode: TransportMode;
  readonly category: SeizureCategory;
  readonly detectionMethod: DetectionMethod;
  readonly estimatedValue: number;
}

/** One `PostClearanceAuditCompleted`. */
export interface AuditFact extends EventStamp {
  readonly officeId: string;
  readonly finding: AuditFinding;
  readonly additionalAssessed: number;
}

/**
 * The events of one enforcement subject (seizure case, audit) that KPIs count, each event once. Kept as a set,
 * like a declaration's facts, so that an event applied twice (a re-send, or a replay over restored state) still
 * counts once. Offence cases feed no KPI of the catalogue and are not kept.
 */
export interface CaseFacts {
  readonly seizures: SeizureFact[];
  readonly audits: AuditFact[];
}

/** The facts of a case no event has been seen for. */
export function emptyCaseFacts(): CaseFacts {
  return { seizures: [], audits: [] };
}

/** Whether events of this type are kept as {@link CaseFacts}. */
export function isCaseEventType(type: string): boolean {
  return type === 'SeizureRecorded' || type === 'PostClearanceAuditCompleted';
}

/**
 * Adds one enforcement event to its case, in place; `at` is its `time` in epoch ms.
 * @returns whether the case changed (false for an event already there, or of another type).
 */
export function foldCaseEvent(facts: CaseFacts, event: TypedEngineEvent, at: number): boolean {
  // Plain literals, not spread from a stamp: object spread is several times slower in V8.
  const { id, source } = event;
  switch (event.type) {
    case 'SeizureRecorded': {
      const { officeId, transportMode, category, detectionMethod, estimatedValue } = event.data;
      return insertByStamp(facts.seizures, { at, id, source, officeId, transportMode, category, detectionMethod, estimatedValue });
    }
    case 'PostClearanceAuditCompleted': {
      const { officeId, finding, additionalAssessed } = event.data;
      return insertByStamp(facts.audits, { at, id, source, officeId, finding, additionalAssessed });
    }
    default:
      return false;
  }
}
