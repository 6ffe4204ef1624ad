import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { type AlertNotice, type AlertStatus } from '@customs-pulse/alerts';
import { type KpiUpdate } from '@customs-pulse/kpi';

import { type LiveRooms } from './live-rooms.port.js';
import { LiveHub } from './live-hub.js';

interface Sent {
  readonly room: string;
  readonly event: string;
  readonly payload: unknown;
}

/** Rooms that exist because a client joined them, and what was sent to them. */
class RecordingRooms implements LiveRooms {
  readonly sent: Sent[] = [];
  constructor(private readonly joined: readonly string[]) {}

  has(room: string): boolean {
    return this.joined.includes(room);
  }

  emit(room: string, event: string, payload: unknown): void {
    this.sent.push({ room, event, payload });
  }
}

const update = (office: string | undefined, value: number, position: number): KpiUpdate => ({
  kpiId: 'seizures_count',
  filters: office === undefined ? {} : { office },
  value,
  n: value,
  window: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' },
  position,
});

const alert = (id: string, status: AlertStatus): AlertNotice => ({
  id,
  rule: 'significant_seizure',
  filters: { office: 'UZ-TAS' },
  severity: 'critical',
  status,
  raisedAt: '2026-03-01T10:00:00.000Z',
  value: 250_000,
  threshold: 100_000,
  n: null,
  position: 7,
  trigger: null,
  details: {},
  escalatedAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  note: null,
  resolvedAt: null,
  resolvedValue: null,
});

let hub: LiveHub;
let rooms: RecordingRooms;

beforeEach(() => {
  jest.useFakeTimers();
  hub = new LiveHub({ coalesceMs: 250 });
  rooms = new RecordingRooms(['kpi:seizures_count:office=UZ-TAS', 'alerts']);
  hub.attach(rooms);
});

afterEach(() => {
  hub.stop();
  jest.useRealTimers();
});

describe('LiveHub', () => {
  it('pushes a changed value to the room of its KPI and slice only, when someone is in it', () => {
    hub.pushKpiUpdates([update(undefined, 3, 10), update('UZ-TAS', 2, 10), update('UZ-SAM', 1, 10)]);

    expect(rooms.sent).toEqual([{ room: 'kpi:seizures_count:office=UZ-TAS', event: 'kpi.updated', payload: update('UZ-TAS', 2, 10) }]);
  });

  it('coalesces the updates of one room, delivering the latest at the interval’s end', () => {
    for (let position = 1; position <= 5; position += 1) hub.pushKpiUpdates([update('UZ-TAS', position, position)]);
    jest.advanceTimersByTime(250);

    expect(rooms.sent.map(({ payload }) => (payload as KpiUpdate).position)).toEqual([1, 5]);
  });

  it('pushes an alert change to the risk room at once, named by the change', () => {
    hub.publishAlert('raised', alert('A-1', 'open'));
    hub.publishAlert('resolved', alert('A-1', 'resolved'));

    expect(rooms.sent).toEqual([
      { room: 'alerts', event: 'alert.raised', payload: alert('A-1', 'open') },
      { room: 'alerts', event: 'alert.resolved', payload: alert('A-1', 'resolved') },
    ]);
  });

  it('sends nothing once stopped, not even what was pending', () => {
    hub.pushKpiUpdates([update('UZ-TAS', 1, 1)]);
    hub.pushKpiUpdates([update('UZ-TAS', 2, 2)]);

    hub.stop();
    hub.pushKpiUpdates([update('UZ-TAS', 3, 3)]);
    hub.publishAlert('raised', alert('A-2', 'open'));
    jest.advanceTimersByTime(1_000);

    expect(rooms.sent).toHaveLength(1);
  });

  it('tells its metrics of every change handed over, watched or not', () => {
    const received: number[] = [];
    const counted = new LiveHub({ metrics: { kpiUpdatesReceived: (count) => received.push(count) } });
    counted.attach(rooms);

    counted.pushKpiUpdates([update(undefined, 3, 10), update('UZ-TAS', 2, 10)]);
    counted.pushKpiUpdates([update('UZ-SAM', 1, 11)]);
    counted.stop();

    expect(received).toEqual([2, 1]);
  });
});
