import { retrying } from '@customs-pulse/backoff';
import type { CloudEventJson, EventSink, SimulatedEvent } from '@customs-pulse/simulation';
import { TrafficSimulation } from '@customs-pulse/simulation';

/** `(source, id)` of a CloudEvent as one string: what the store deduplicates on. */
export function keyOf(event: CloudEventJson): string {
  return `${String(event['source'])} ${String(event['id'])}`;
}

/** What a fault test sends, and what must come of it. */
export interface FaultTraffic {
  /** Every record, in the order they are produced: valid events with the simulator's duplicates, invalid events and conflicts. */
  readonly events: readonly SimulatedEvent[];
  /** The keys of the valid events, each to be stored exactly once. */
  readonly valid: ReadonlySet<string>;
  /** The keys of the events ingest must refuse (invalid, conflicting): each dead-lettered, nothing else. */
  readonly refused: ReadonlySet<string>;
}

/**
 * `count` simulated events of a history ending now, the simulator's imperfections included, drawn from `seed`. The
 * history is dense enough to hold `count` events within the 24 hours `current` covers.
 */
export function faultTraffic(seed: number, count: number): FaultTraffic {
  const start = Date.now();
  const simulation = new TrafficSimulation({ seed, start, days: 0.9, historyRate: Math.max(0.01, count / 20_000), rate: 1 });
  const events = simulation.takeDue(start - 1, count);
  if (events.length < count) throw new Error(`the simulation of seed ${seed} made ${events.length} events, not ${count}`);
  const keysOf = (kinds: readonly string[]): Set<string> => new Set(events.filter(({ kind }) => kinds.includes(kind)).map(({ event }) => keyOf(event)));
  return { events, valid: keysOf(['original']), refused: keysOf(['invalid', 'conflict']) };
}

/** Events per produce request. */
const PRODUCE_CHUNK = 100;

/**
 * Produces `events[from, to)` in order, in requests of {@link PRODUCE_CHUNK}. A request that fails (the broker is
 * coming back) is sent again after a backoff: a record may then be produced twice, which dedupe absorbs.
 */
export async function produceEvents(sink: EventSink, events: readonly SimulatedEvent[], from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += PRODUCE_CHUNK) {
    const chunk = events.slice(start, Math.min(start + PRODUCE_CHUNK, to)).map(({ event }) => event);
    await retrying(() => sink.send(chunk, AbortSignal.timeout(30_000)), { retryable: () => true, attempts: 10, backoff: { initialMs: 250, maxMs: 2_000, multiplier: 2 } });
  }
}

/** How many distinct valid events `events[0, end)` holds: what the store holds once they are all ingested. */
export function validIn(events: readonly SimulatedEvent[], end: number): number {
  return new Set(events.slice(0, end).filter(({ kind }) => kind === 'original').map(({ event }) => keyOf(event))).size;
}
