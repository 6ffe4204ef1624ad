import { abortableDelay } from '@customs-pulse/backoff';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { MAX_BATCH_EVENTS } from '@customs-pulse/domain';
import { type SimulatedEvent } from '../events/simulated-event.js';
import { type EventSink, type SimulationLogger } from '../sinks/event-sink.port.js';
import { type TrafficSimulation } from '../traffic/traffic-simulation.js';
import { addReceipt, describeStats, emptyStats, type SimulationStats } from './simulation-stats.js';

export interface SimulationRunOptions {
  readonly traffic: TrafficSimulation;
  readonly sink: EventSink;
  readonly logger?: SimulationLogger;
  /** Ends the run: what is being sent is finished (or its retries given up), nothing more is sent. */
  readonly signal?: AbortSignal;
  /** Seconds of live traffic after the start; the run then ends. @defaultValue until `signal` aborts */
  readonly durationSeconds?: number;
  /** The wall clock, epoch milliseconds. @defaultValue `Date.now` */
  readonly now?: () => number;
  /** Events per delivery. @defaultValue 1000, the most one HTTP batch may hold */
  readonly batchSize?: number;
  /** How often live traffic is sent, in milliseconds. @defaultValue 250 */
  readonly tickMs?: number;
  /** How often progress is logged, in milliseconds. @defaultValue 10000 */
  readonly progressEveryMs?: number;
}

/**
 * Sends a simulation's events to a sink: first the history (everything due before the start) as fast as the sink
 * takes it, then live traffic as it falls due, simulated time running with the wall clock from the start (a start
 * of now gives event times of now). Resolves with what was sent when the duration is over or `signal` aborts;
 * rejects when the sink refuses delivery for good.
 */
export async function runSimulation(options: SimulationRunOptions): Promise<SimulationStats> {
  const { traffic, sink, logger, durationSeconds, now = Date.now, batchSize = MAX_BATCH_EVENTS, tickMs = 250, progressEveryMs = 10_000 } = options;
  const signal = options.signal ?? new AbortController().signal;
  const stats = emptyStats();
  const offset = traffic.start - now();
  const end = durationSeconds === undefined ? Infinity : traffic.start + durationSeconds * 1000;
  let lastProgress = now();

  const deliver = async (events: readonly SimulatedEvent[]): Promise<void> => {
    addReceipt(stats, await sink.send(events.map(({ event }) => event), signal));
    for (const { kind, dueAt } of events) {
      stats.byKind[kind] += 1;
      if (dueAt < traffic.start) stats.history += 1;
      else stats.live += 1;
    }
    if (now() - lastProgress >= progressEveryMs) {
      lastProgress = now();
      logger?.log(`${describeStats(stats)}`);
    }
  };

  try {
    if (traffic.nextDueAt() < traffic.start) {
      logger?.log(`sending the history from ${new Date(traffic.historyStart).toISOString()}`);
      for (let batch = traffic.takeDue(traffic.start - 1, batchSize); batch.length > 0 && !signal.aborted; batch = traffic.takeDue(traffic.start - 1, batchSize)) {
        await deliver(batch);
        // An in-process sink may never leave the microtask queue: let the app's I/O (HTTP, push) breathe.
        await nextTurn();
      }
      logger?.log(`history sent, ${describeStats(stats)}; live traffic follows`);
    }
    while (!signal.aborted) {
      const present = Math.min(now() + offset, end);
      for (let batch = traffic.takeDue(present, batchSize); batch.length > 0 && !signal.aborted; batch = traffic.takeDue(present, batchSize)) {
        await deliver(batch);
      }
      if (present >= end) break;
      await abortableDelay(tickMs, signal);
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
  logger?.log(`stopped after ${describeStats(stats)}`);
  return stats;
}
