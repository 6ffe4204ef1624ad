import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';

import { RoomCoalescer } from './room-coalescer.js';

interface Delivery {
  readonly room: string;
  readonly item: number;
  readonly at: number;
}

let deliveries: Delivery[];
let coalescer: RoomCoalescer<number>;
let start: number;

beforeEach(() => {
  jest.useFakeTimers();
  start = Date.now();
  deliveries = [];
  coalescer = new RoomCoalescer((room, item) => deliveries.push({ room, item, at: Date.now() - start }), { intervalMs: 250 });
});

afterEach(() => {
  coalescer.stop();
  jest.useRealTimers();
});

/** The deliveries so far, one line each: room, item and when. */
const timeline = (): string[] => deliveries.map(({ room, item, at }) => `${room}${item} at ${at}`);

/** Offers 1, 2, 3, ... to `room` every `everyMs` for `forMs`, then lets every interval end. */
function stream(room: string, everyMs: number, forMs: number): number {
  let item = 0;
  for (let at = 0; at < forMs; at += everyMs) {
    coalescer.offer(room, (item += 1));
    jest.advanceTimersByTime(everyMs);
  }
  jest.advanceTimersByTime(1_000);
  return item;
}

describe('RoomCoalescer', () => {
  it('delivers the first item to a quiet room at once', () => {
    coalescer.offer('kpi:backlog:', 7);

    expect(deliveries).toEqual([{ room: 'kpi:backlog:', item: 7, at: 0 }]);
  });

  it('turns a burst within one interval into the first item at once and the latest at the interval’s end', () => {
    for (let item = 1; item <= 10; item += 1) {
      coalescer.offer('room', item);
      jest.advanceTimersByTime(20);
    }
    jest.advanceTimersByTime(1_000);

    expect(deliveries.map(({ item, at }) => ({ item, at }))).toEqual([
      { item: 1, at: 0 },
      { item: 10, at: 250 },
    ]);
  });

  it('delivers at most 4 items in any second of a steady stream, at least 250 ms apart', () => {
    stream('room', 10, 3_000);

    const times = deliveries.map(({ at }) => at);
    for (const [index, at] of times.entries()) {
      expect(times.filter((other) => other >= at && other < at + 1_000).length).toBeLessThanOrEqual(4);
      if (index > 0) expect(at - times[index - 1]!).toBeGreaterThanOrEqual(250);
    }
    expect(deliveries.length).toBeGreaterThanOrEqual(12);
  });

  it('always delivers the latest item a stream ends on', () => {
    const last = stream('room', 7, 1_234);

    expect(deliveries.at(-1)?.item).toBe(last);
  });

  it('throttles each room on its own: a busy room does not delay another', () => {
    coalescer.offer('a', 1);
    jest.advanceTimersByTime(100);
    coalescer.offer('a', 2);
    coalescer.offer('b', 1);
    jest.advanceTimersByTime(1_000);

    expect(deliveries).toEqual([
      { room: 'a', item: 1, at: 0 },
      { room: 'b', item: 1, at: 100 },
      { room: 'a', item: 2, at: 250 },
    ]);
  });

  it('delivers the rooms of one run again in one run when their intervals end, so a client’s frames go out together', () => {
    // A microtask between two deliveries means they were two runs (two timer callbacks).
    let run = 0;
    const runs: { room: string; run: number }[] = [];
    const cohorts = new RoomCoalescer<number>(
      (room) => {
        runs.push({ room, run });
        queueMicrotask(() => (run += 1));
      },
      { intervalMs: 250 },
    );
    for (const room of ['a', 'b', 'c']) cohorts.offer(room, 1);
    jest.advanceTimersByTime(100);
    for (const room of ['a', 'b', 'c']) cohorts.offer(room, 2);
    jest.advanceTimersByTime(150);
    cohorts.stop();

    const atIntervalEnd = runs.slice(3);
    expect(atIntervalEnd.map(({ room }) => room)).toEqual(['a', 'b', 'c']);
    expect(new Set(atIntervalEnd.map(({ run }) => run)).size).toBe(1);
  });

  it('measures a cohort’s interval from its last delivery, so a room delivered late in a long run waits its whole interval', async () => {
    // Microtasks stay real here: a faked queueMicrotask would run inside the 40 ms advanced below and close the
    // run's cohort in the middle of the run, which a real run never sees.
    jest.useFakeTimers({ doNotFake: ['queueMicrotask'] });
    start = Date.now();
    const slow = new RoomCoalescer<number>(
      (room, item) => {
        deliveries.push({ room, item, at: Date.now() - start });
        // A first emit to many clients takes a while: 40 ms pass inside this one synchronous run, and no timer is due
        // in them, so none fires before the run ends.
        if (room === 'a' && item === 1) jest.advanceTimersByTime(40);
      },
      { intervalMs: 250 },
    );
    slow.offer('a', 1);
    slow.offer('b', 1);
    slow.offer('a', 2);
    slow.offer('b', 2);
    // The run ends: its microtasks run before any timer, as they do between two macrotasks.
    await Promise.resolve();
    jest.advanceTimersByTime(1_000);
    slow.stop();

    expect(timeline()).toEqual(['a1 at 0', 'b1 at 40', 'a2 at 290', 'b2 at 290']);
  });

  it('gives a room delivered in a later run an interval of its own, never ending with an earlier room’s', () => {
    coalescer.offer('a', 1);
    jest.advanceTimersByTime(100);
    coalescer.offer('b', 1);
    coalescer.offer('a', 2);
    coalescer.offer('b', 2);
    jest.advanceTimersByTime(1_000);

    expect(timeline()).toEqual(['a1 at 0', 'b1 at 100', 'a2 at 250', 'b2 at 350']);
  });

  it('keeps a cohort together while its rooms stay busy, and lets a room that went quiet leave it', () => {
    coalescer.offer('a', 1);
    coalescer.offer('b', 1);
    coalescer.offer('a', 2);
    jest.advanceTimersByTime(250);
    // b was quiet for an interval: forgotten, so its next item goes at once, in a cohort of its own.
    jest.advanceTimersByTime(50);
    coalescer.offer('b', 2);
    coalescer.offer('a', 3);
    coalescer.offer('b', 3);
    jest.advanceTimersByTime(1_000);

    expect(timeline()).toEqual(['a1 at 0', 'b1 at 0', 'a2 at 250', 'b2 at 300', 'a3 at 500', 'b3 at 550']);
  });

  it('forgets a room after a quiet interval, and delivers its next item at once', () => {
    coalescer.offer('room', 1);
    expect(coalescer.busyRooms).toBe(1);

    jest.advanceTimersByTime(250);
    expect(coalescer.busyRooms).toBe(0);

    jest.advanceTimersByTime(40);
    coalescer.offer('room', 2);
    expect(deliveries.map(({ item, at }) => ({ item, at }))).toEqual([
      { item: 1, at: 0 },
      { item: 2, at: 290 },
    ]);
  });

  it('drops what is pending and refuses new items once stopped', () => {
    coalescer.offer('room', 1);
    coalescer.offer('room', 2);

    coalescer.stop();
    coalescer.offer('other', 3);
    jest.advanceTimersByTime(1_000);

    expect(deliveries.map(({ item }) => item)).toEqual([1]);
    expect(coalescer.busyRooms).toBe(0);
  });
});
