import { validateEvent } from '@customs-pulse/domain';
import type { EventToAppend } from '@customs-pulse/event-store';
import { anEvent, validationRulesAt } from '@customs-pulse/testing';

/** A raw CloudEvent (as `anEvent.*` builds it) validated and normalized, as ingest hands it to the store. */
export function toAppend(raw: Readonly<Record<string, unknown>>): EventToAppend {
  const validation = validateEvent(raw, validationRulesAt('2100-01-01T00:00:00.000Z'));
  if (!validation.ok) throw new Error(`invalid test event: ${JSON.stringify(validation.errors)}`);
  return validation.event;
}

/** `count` valid clearance events over a few declarations, each distinct: a small realistic log. */
export function clearanceHistory(count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => {
    const declaration = `DEC-2026-${String(Math.floor(index / 4) + 1).padStart(6, '0')}`;
    const time = new Date(Date.parse('2026-03-01T06:00:00.000Z') + index * 60_000).toISOString();
    return toAppend(anEvent.laneAssigned(declaration, { lane: index % 3 === 0 ? 'RED' : 'GREEN', riskScore: (index % 1000) / 1000 }, { time }));
  });
}
