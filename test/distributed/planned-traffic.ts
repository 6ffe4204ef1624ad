import { type SimulatedEvent, type SimulatedEventKind, type TrafficOptions, TrafficSimulation } from '@customs-pulse/simulation';

/** Seeds tried, from 1, for a run holding every kind of imperfection. */
const LAST_SEED = 1_000;
const IMPERFECTIONS: readonly SimulatedEventKind[] = ['invalid', 'conflict', 'duplicate'];

/** A simulation run worked out in advance: what it will send, in order. */
export interface PlannedTraffic {
  readonly options: TrafficOptions;
  /** Seconds of live traffic after the history. */
  readonly durationSeconds: number;
  /** Every event of the run, history first, in the order the run sends them. */
  readonly events: readonly SimulatedEvent[];
  /** How many of {@link events} are the history. */
  readonly history: number;
  /** The customs offices the events come from. */
  readonly officeIds: readonly string[];
}

/**
 * The traffic of the first seed (from 1) whose run holds an invalid event, a conflict and a duplicate: the
 * simulator's imperfections come at a rate of a few per thousand, and which ones a few hundred events hold depends
 * on the start, hence on the time of day the test runs. The same start always gives the same seed and events.
 */
export function trafficWithEveryImperfection(options: Omit<TrafficOptions, 'seed'>, durationSeconds: number): PlannedTraffic {
  for (let seed = 1; seed <= LAST_SEED; seed += 1) {
    const planned = plan({ ...options, seed }, durationSeconds);
    const kinds = new Set(planned.events.map(({ kind }) => kind));
    if (IMPERFECTIONS.every((kind) => kinds.has(kind))) return planned;
  }
  throw new Error(`no seed up to ${LAST_SEED} gives ${IMPERFECTIONS.join(', ')} events from ${new Date(options.start).toISOString()}`);
}

function plan(options: TrafficOptions, durationSeconds: number): PlannedTraffic {
  // The run's own simulation is a twin of this one: the same options give the same events in the same order.
  const twin = new TrafficSimulation(options);
  const history = twin.takeDue(options.start - 1, Infinity);
  const live = twin.takeDue(options.start + durationSeconds * 1000, Infinity);
  return { options, durationSeconds, events: [...history, ...live], history: history.length, officeIds: twin.offices.map(({ id }) => id) };
}

/**
 * The first `count` events a run of `options` sends, in order: what an open-ended run (one stopped by its signal)
 * sent, worked out after it stopped. A run takes events in the order they fall due, whatever its ticks and batches.
 */
export function firstPlannedEvents(options: TrafficOptions, count: number): SimulatedEvent[] {
  return new TrafficSimulation(options).takeDue(Infinity, count);
}
