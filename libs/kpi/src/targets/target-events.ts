import { type EventToAppend } from '@customs-pulse/event-store';

import { type TargetDefinition } from './strategic-target.js';

/** `source` of `TargetSet` and `TargetRetired`: with the id, the store's dedupe key. */
export const TARGET_EVENT_SOURCE = 'urn:customs-pulse:targets';

/**
 * The id of a target's `change`-th event (1, 2, ...): two nodes recording different n-th changes of one target at once
 * collide on it, and the store answers the second `conflict` rather than storing both.
 */
export function targetEventId(targetId: string, change: number): string {
  return `target:${targetId}:${change}`;
}

/** `TargetSet` (events.md, "Events the system writes itself"): subject = the target id, data = the definition. */
export function targetSet(targetId: string, change: number, definition: TargetDefinition, time: string): EventToAppend {
  const { objective, kpiId, filters, baseline, target, deadline, milestones } = definition;
  return {
    id: targetEventId(targetId, change),
    source: TARGET_EVENT_SOURCE,
    type: 'TargetSet',
    subject: targetId,
    time,
    data: { objective, kpiId, filters, baseline, target, deadline, milestones },
    extensions: {},
  };
}

/** `TargetRetired`: the target leaves the plan; its history stays in the log. */
export function targetRetired(targetId: string, change: number, time: string): EventToAppend {
  return { id: targetEventId(targetId, change), source: TARGET_EVENT_SOURCE, type: 'TargetRetired', subject: targetId, time, data: {}, extensions: {} };
}
