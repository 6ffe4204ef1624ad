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
