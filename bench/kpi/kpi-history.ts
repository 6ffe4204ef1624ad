import { type NormalizedEvent, validateEvent } from '@customs-pulse/domain';
import { type EventSpec, anEventOfType, realisticHistory } from '@customs-pulse/testing';

import type { HistoryWorkload } from './kpi-workload.js';

/** An event as a store hands it back: what the engine replays, and what the stores are filled with. */
export type HistoryEvent = NormalizedEvent & { readonly position: number; readonly recordedAt: string };

/** Events ingest stores per transaction, all with the one `recordedAt` of its commit. */
const INGEST_BATCH = 100;
const CHUNK_DAYS_MS = 3 * 86_400_000;
const FAR_FUTURE = { now: () => new Date('2100-01-01T00:00:00.000Z') };

/**
 * The history the suite replays: chunks of `realisticHistory` (clearance events of every kind, seizures, audits and
 * offence cases, with late, duplicate and out-of-order facts), each over the three days after the previous one, with
 * subjects and event ids made unique per chunk; validated as ingest validates them; in time order, as a live log
 * receives them, cut to exactly `events`. Stored as ingest stores them: positions from 1, and one
 * `recordedAt` per batch of 100 events, a few seconds after the batch's last event. Each event is then decoded from
 * its JSON, one after the other in log order, as a store hands a page over: its objects and strings lie together in
 * memory, as a replay from a store finds them, not wherever the generator happened to allocate them.
 */
export function kpiHistory(history: HistoryWorkload, events: number): HistoryEvent[] {
  const log: NormalizedEvent[] = [];
  for (let chunk = 0; log.length < events; chunk += 1) {
    const specs = realisticHistory(20_260_301 + chunk, history.declarationsPerChunk).map((spec) => inChunk(spec, chunk));
    for (const event of inTimeOrder(specs.map(validated))) log.push(event);
  }
  log.length = events;
  return stored(log);
}

function inChunk(spec: EventSpec, chunk: number): EventSpec {
  const { envelope } = spec;
  return {
    ...spec,
    subject: `C${chunk}-${spec.subject}`,
    envelope: { ...envelope, id: `c${chunk}-${envelope.id}`, time: new Date(Date.parse(envelope.time) + chunk * CHUNK_DAYS_MS).toISOString() },
  };
}

function validated({ type, subject, data, envelope }: EventSpec): NormalizedEvent {
  const validation = validateEvent(anEventOfType(type, subject, data, envelope), { clock: FAR_FUTURE, reportingCurrency: 'USD' });
  if (!validation.ok) throw new Error(`generated event refused: ${JSON.stringify(validation.errors)}`);
  return validation.event;
}

/** Sorted by time; the generator's order among equal times is kept. */
function inTimeOrder(events: readonly NormalizedEvent[]): NormalizedEvent[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort((a, b) => (a.event.time < b.event.time ? -1 : a.event.time > b.event.time ? 1 : a.index - b.index))
    .map(({ event }) => event);
}

function stored(events: readonly NormalizedEvent[]): HistoryEvent[] {
  const history: HistoryEvent[] = [];
  for (let from = 0; from < events.length; from += INGEST_BATCH) {
    const batch = events.slice(from, from + INGEST_BATCH);
    const lastMs = Math.max(...batch.map((event) => Date.parse(event.time)));
    // Deterministic lags of 1 to 60 s, so that the ingest-lag sketch holds a spread of values.
    const recordedAt = new Date(lastMs + 1_000 + ((from / INGEST_BATCH) * 7_919) % 59_000).toISOString();
    batch.forEach((event, index) => history.push(JSON.parse(JSON.stringify({ ...event, position: from + index + 1, recordedAt }))));
  }
  return history;
}
