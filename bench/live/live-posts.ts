import { anEvent } from '@customs-pulse/testing';
import { producerEvents, type ProducerEvent } from '../ingest/producer-events.js';
import type { LiveScenario, LiveWorkload } from './live-workload.js';

/** One `POST /api/events` of a run, serialized before the run starts. */
export interface LivePost {
  readonly body: Buffer;
  readonly events: number;
  /** Every event's `id`, to find their positions in the log after the run. */
  readonly eventIds: readonly string[];
  /** The `id` of the seizure that closes the batch. */
  readonly seizureId: string;
  /** Which bench office the seizure is at (index into {@link benchOffices}). */
  readonly office: number;
}

const HOUR_MS = 3_600_000;
/** The span the events' times are fitted into: inside the 24 hours a current value covers. */
const SPAN_MS = 20 * HOUR_MS;
/** The latest event time, before the run starts: no event is ever ahead of the server's clock. */
const LATEST_BEFORE_NOW_MS = 5 * 60_000;

/** The offices the bench's seizures are at: no generated declaration is at any of them. */
export function benchOffices(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `BENCH-${String(index).padStart(3, '0')}`);
}

/**
 * The POSTs of one run of `scenario`: the generator's clearance events (bench/ingest/producer-events.ts, fixed seed),
 * their times moved (and, beyond 20 hours, compressed) to end 5 minutes before `nowMs`, so that they change current
 * values as live traffic does; each batch closed by a seizure at the next bench office in turn, which changes
 * `seizures_count` for the whole country and for that office. Every event is new to the run's new store.
 */
export function livePosts(scenario: LiveScenario, workload: LiveWorkload, nowMs: number): LivePost[] {
  const seconds = workload.warmupSeconds + workload.measureSeconds;
  const count = Math.ceil((scenario.eventsPerSecond * seconds) / scenario.batchSize);
  const perPost = scenario.batchSize - 1;
  const clearance = retimed(producerEvents(count * perPost), nowMs - LATEST_BEFORE_NOW_MS);
  const offices = benchOffices(workload.offices);
  return Array.from({ length: count }, (_, index) => {
    const batch = clearance.slice(index * perPost, (index + 1) * perPost);
    const office = index % offices.length;
    const seizureId = `live-seizure-${index}`;
    const seizure = anEvent.seizureRecorded(
      `SEIZ-${index}`,
      { officeId: offices[office], estimatedValue: 1_000 },
      { id: seizureId, time: batch.at(-1)!['time'] },
    );
    const events = [...batch, seizure];
    return { body: Buffer.from(JSON.stringify(events)), events: events.length, eventIds: events.map((event) => String(event['id'])), seizureId, office };
  });
}

/** The events with their times shifted to end at `endMs`, their spacing scaled down if they span over 20 hours. */
function retimed(events: readonly ProducerEvent[], endMs: number): ProducerEvent[] {
  const times = events.map((event) => Date.parse(String(event['time'])));
  const first = times.reduce((low, time) => Math.min(low, time));
  const last = times.reduce((high, time) => Math.max(high, time));
  const scale = Math.min(1, SPAN_MS / Math.max(1, last - first));
  return events.map((event, index) => ({ ...event, time: new Date(endMs - (last - times[index]!) * scale).toISOString() }));
}
