import type { HistoryEvent } from './kpi-history.js';

/** What a reader of the figures needs to know about the history replayed. */
export interface HistoryShape {
  readonly events: number;
  readonly declarations: number;
  readonly enforcementEvents: number;
  readonly firstTime: string;
  readonly lastTime: string;
}

const ENFORCEMENT_TYPES: ReadonlySet<string> = new Set(['SeizureRecorded', 'PostClearanceAuditCompleted', 'OffenceCaseOpened', 'OffenceCaseClosed']);

export function historyShape(history: readonly HistoryEvent[]): HistoryShape {
  const declarations = new Set<string>();
  let enforcementEvents = 0;
  let firstTime = history[0]?.time ?? '';
  let lastTime = firstTime;
  for (const event of history) {
    if (ENFORCEMENT_TYPES.has(event.type)) enforcementEvents += 1;
    else declarations.add(event.subject);
    if (event.time < firstTime) firstTime = event.time;
    if (event.time > lastTime) lastTime = event.time;
  }
  return { events: history.length, declarations: declarations.size, enforcementEvents, firstTime, lastTime };
}
