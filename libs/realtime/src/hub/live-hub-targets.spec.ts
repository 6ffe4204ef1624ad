import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { type TargetProgress } from '@customs-pulse/kpi';

import { OPERATOR_ROOM } from '../subscriptions/live-rooms.js';
import { type LiveRooms } from './live-rooms.port.js';
import { LiveHub, TARGET_UPDATED } from './live-hub.js';

/** Every room exists; what was sent is recorded. */
class RecordingRooms implements LiveRooms {
  readonly sent: { room: string; event: string; payload: unknown }[] = [];
  has(): boolean {
    return true;
  }
  emit(room: string, event: string, payload: unknown): void {
    this.sent.push({ room, event, payload });
  }
}

const target = (id: string, progress: number): TargetProgress => ({
  id,
  objective: 'Faster releases',
  kpiId: 'release_time_mean',
  filters: {},
  baseline: { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
  target: 6,
  deadline: '2026-12-31',
  milestones: [],
  baselineValue: 10,
  baselineN: 100,
  recentValue: 10 - 4 * progress,
  recentN: 100,
  expected: 9,
  progress,
  status: 'at_risk',
});

beforeEach(() => {
  jest.useFakeTimers();
});

afterEach(() => {
  jest.useRealTimers();
});

describe('LiveHub target pushes', () => {
  it('push target.updated to the operators’ room at once, and at most once per interval per target, the latest last', async () => {
    const rooms = new RecordingRooms();
    const hub = new LiveHub({ coalesceMs: 250 });
    hub.attach(rooms);

    await hub.publishTargetUpdates([target('a', 0.1), target('b', 0.5)]);
    await hub.publishTargetUpdates([target('a', 0.2)]);
    await hub.publishTargetUpdates([target('a', 0.3), { id: 'b', retired: true }]);
    expect(rooms.sent).toEqual([
      { room: OPERATOR_ROOM, event: TARGET_UPDATED, payload: target('a', 0.1) },
      { room: OPERATOR_ROOM, event: TARGET_UPDATED, payload: target('b', 0.5) },
    ]);

    jest.advanceTimersByTime(250);
    expect(rooms.sent.slice(2)).toEqual([
      { room: OPERATOR_ROOM, event: TARGET_UPDATED, payload: target('a', 0.3) },
      { room: OPERATOR_ROOM, event: TARGET_UPDATED, payload: { id: 'b', retired: true } },
    ]);
  });

  it('push nothing once stopped', async () => {
    const rooms = new RecordingRooms();
    const hub = new LiveHub();
    hub.attach(rooms);
    hub.stop();
    await hub.publishTargetUpdates([target('a', 0.1)]);
    expect(rooms.sent).toEqual([]);
  });
});
