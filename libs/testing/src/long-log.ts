import { validateEvent } from '@customs-pulse/domain';
import type { EventStore } from '@customs-pulse/event-store';

import { anEvent, validationRulesAt } from './event-builders.js';

const PER_APPEND = 1_000;

/**
 * Appends `count` valid lane assignments, four per declaration, a thousand per transaction: a long log, quick to
 * store, for the tests of loops over the whole log (journal loads, chain verification) that must not hold the event
 * loop. Replays that need KPI-realistic events use `realisticHistory`.
 */
export async function storeLongLog(store: Pick<EventStore, 'appendMany'>, count: number): Promise<void> {
  const rules = validationRulesAt('2100-01-01T00:00:00.000Z');
  for (let from = 0; from < count; from += PER_APPEND) {
    const writes = Array.from({ length: Math.min(PER_APPEND, count - from) }, (_, offset) => {
      const index = from + offset;
      const declaration = `DEC-2026-${String(Math.floor(index / 4) + 1).padStart(7, '0')}`;
      const time = new Date(Date.parse('2026-03-01T06:00:00.000Z') + index * 1_000).toISOString();
      const validation = validateEvent(anEvent.laneAssigned(declaration, { lane: 'GREEN', riskScore: 0.1 }, { time }), rules);
      if (!validation.ok) throw new Error(`invalid long-log event ${index}: ${JSON.stringify(validation.errors)}`);
      return { stream: declaration, events: [validation.event] };
    });
    await store.appendMany(writes);
  }
}
