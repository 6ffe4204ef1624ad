import { describe, expect, it } from '@jest/globals';
import { NOON_IN_TASHKENT, PacedClock } from '@customs-pulse/testing';
import { type CloudEventJson } from '../events/simulated-event.js';
import { DeliveryRefusedError, type EventSink, type SinkReceipt } from '../sinks/event-sink.port.js';
import { TrafficSimulation } from '../traffic/traffic-simulation.js';
import { runSimulation } from './run-simulation.js';

/** A sink that keeps what it is sent and when, and answers like ingest would for valid events. */
class RecordingSink implements EventSink {
  readonly batches: { readonly at: number; readonly events: readonly CloudEventJson[] }[] = [];

  constructor(
    private readonly now: () => number,
    private readonly refuseAfter = Infinity,
  ) {}

  async send(events: readonly CloudEventJson[]): Promise<SinkReceipt> {
    if (this.batches.length >= this.refuseAfter) throw new DeliveryRefusedError('401: the token expired');
    this.batches.push({ at: this.now(), events });
    return { accepted: events.length, duplicates: 0, rejected: 0 };
  }

  async close(): Promise<void> {}
}

const traffic = (start: number): TrafficSimulation => new TrafficSimulation({ seed: 9, start, rate: 50, days: 0.05, historyRate: 1 });

// The amount of history depends on the hour (the working day follows Tashkent time): every run starts at a fixed
// instant on a clock that then moves at the wall clock's pace.
const START = Date.parse(NOON_IN_TASHKENT);
const clockFrom = (start: number): (() => number) => new PacedClock(start).millis;

describe('runSimulation', () => {
  it('sends the history at once in batches of at most batchSize, then live traffic as it falls due, and stops after the duration', async () => {
    const start = START;
    const now = clockFrom(start);
    const sink = new RecordingSink(now);

    // Long enough that live traffic still flows after a loaded machine spent most of a second on the history.
    const stats = await runSimulation({ traffic: traffic(start), sink, now, durationSeconds: 4, batchSize: 500, tickMs: 50 });

    const events = sink.batches.flatMap(({ events: batch }) => batch);
    expect(stats.history).toBeGreaterThan(3_000);
    expect(stats.live).toBeGreaterThan(10);
    expect(stats.history + stats.live).toBe(events.length);
    expect(stats.accepted).toBe(events.length);
    expect(sink.batches.every(({ events: batch }) => batch.length <= 500)).toBe(true);
    // Live events are sent once due, never ahead of the wall clock (the malformed ones a day ahead left aside).
    const liveTime = (event: CloudEventJson): number => Date.parse(String(event['time']));
    const early = sink.batches.flatMap(({ at, events: batch }) => batch.filter((event) => liveTime(event) > at && liveTime(event) < start + 3_600_000));
    expect(early).toEqual([]);
    expect(now() - start).toBeGreaterThanOrEqual(3_900);
  });

  it('sends exactly the simulation’s events, in the order they fall due: the run only decides when', async () => {
    const start = START;
    const now = clockFrom(start);
    const sink = new RecordingSink(now);
    // 0 s of live traffic leaves only the history.
    await runSimulation({ traffic: traffic(start), sink, now, durationSeconds: 0, batchSize: 137 });

    const expected = traffic(start).takeDue(start, Infinity).map(({ event }) => event);
    expect(sink.batches.flatMap(({ events }) => events)).toEqual(expected);
  });

  it('stops when its signal aborts, and says what it sent', async () => {
    const stop = new AbortController();
    const now = clockFrom(START);
    const sink = new RecordingSink(now);
    setTimeout(() => stop.abort(), 300);

    const stats = await runSimulation({ traffic: traffic(START), sink, now, signal: stop.signal, tickMs: 50 });

    expect(stop.signal.aborted).toBe(true);
    expect(stats.history + stats.live).toBe(sink.batches.flatMap(({ events }) => events).length);
  });

  it('fails when the sink refuses delivery for good', async () => {
    const now = clockFrom(START);
    await expect(runSimulation({ traffic: traffic(START), sink: new RecordingSink(now, 2), now, durationSeconds: 1 })).rejects.toThrow(DeliveryRefusedError);
  });
});
