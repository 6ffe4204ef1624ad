import { describe, expect, it, jest } from '@jest/globals';
import { TestClock } from '@customs-pulse/testing';

import { type TargetDefinition } from './strategic-target.js';
import { TargetJournal } from './target-journal.js';
import { type TargetLedgerEvent } from './target-ledger.js';
import { type TargetUpdate } from './target-publisher.port.js';
import { DEFAULT_TARGET_SETTINGS } from './target-reading.js';
import { TargetWatch } from './target-watch.js';

const plan: TargetDefinition = {
  objective: 'Faster releases',
  kpiId: 'release_time_mean',
  filters: {},
  baseline: { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' },
  target: 6,
  deadline: '2026-12-31',
  milestones: [],
};
/** The part of `KpiEngine.overDays` the stub engines answer: a value per KPI and period start. */
type OverDays = (kpiId: string, from: string) => { value: number | null; n: number };

const targetSet: TargetLedgerEvent = { type: 'TargetSet', subject: 'faster', data: plan as unknown as Record<string, unknown>, position: 1, recordedAt: '2026-03-01T10:00:00.000Z' };

/** A watch over a journal that holds one target, with nothing stored behind it. */
function aWatch(live: () => { engine: { overDays: OverDays } }, clock = new TestClock('2026-06-01T12:00:00.000Z')) {
  const journal = new TargetJournal({ store: { readAllOfTypes: async () => [], readStream: async () => [], appendMany: async () => [] } });
  const published: TargetUpdate[][] = [];
  const warnings: string[] = [];
  const watch = new TargetWatch({
    journal,
    live,
    clock,
    settings: DEFAULT_TARGET_SETTINGS,
    publisher: { publishTargetUpdates: async (updates) => void published.push([...updates]) },
    logger: { warn: (message) => warnings.push(message) },
    intervalMs: 1_000,
  });
  return { journal, watch, published, warnings };
}

describe('TargetWatch', () => {
  it('skips its timed judgement, with a warning, while there is no live engine (a read model being rebuilt), instead of throwing from the timer', () => {
    jest.useFakeTimers();
    try {
      const { watch, warnings, published } = aWatch(() => {
        throw new Error('the KPI read model did not load and is being rebuilt');
      });
      watch.start();

      expect(() => jest.advanceTimersByTime(3_000)).not.toThrow();
      expect(warnings).toHaveLength(3);
      expect(warnings[0]).toContain('being rebuilt');
      expect(published).toEqual([]);
      watch.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it('tells of a target set while there is no live engine without reading it, and judges it once there is one', async () => {
    let rebuilding = true;
    const { journal, watch, published, warnings } = aWatch(() => {
      if (rebuilding) throw new Error('being rebuilt');
      return { engine: { overDays: () => ({ value: 8, n: 40 }) } };
    });

    expect(() => journal.observe([targetSet])).not.toThrow();
    expect(published).toEqual([]);
    expect(warnings).toHaveLength(1);

    rebuilding = false;
    await watch.judge(async () => ({ value: 8, n: 40 }), '2026-06-01T12:00:00.000Z');
    expect(published).toHaveLength(1);
    expect(published[0]![0]).toMatchObject({ id: 'faster' });
  });
});

/**
 * Higher is better: no green lanes over 2025 (the baseline value 0), all of them by 2026-01-11. With a baseline of 0
 * and a target of 1, progress = (recent - 0) / (1 - 0) is the recent value itself, computed without rounding, so a
 * recent value of 0.01 is a move of exactly 0.01 from 0. Expected runs from 0 on 2026-01-01 to 1 on 2026-01-11:
 * 0.1 a day, so 0.5 on 2026-01-06.
 */
const greenLanes: TargetDefinition = {
  objective: 'All lanes green',
  kpiId: 'green_lane_rate',
  filters: {},
  baseline: { from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' },
  target: 1,
  deadline: '2026-01-11',
  milestones: [],
};
const greenLanesSet: TargetLedgerEvent = { ...targetSet, subject: 'green', data: greenLanes as unknown as Record<string, unknown> };

/**
 * A watch over the green lanes target, reading 0 over the baseline period and `recent` (changed by the test) over the
 * recent window; the target is set, and its first push has arrived, before it returns.
 */
async function aGreenLanesWatch(clock: TestClock, recent: { value: number; n: number }) {
  const overDays: OverDays = (_kpiId, from) => (from === greenLanes.baseline.from ? { value: 0, n: 40 } : { ...recent });
  const watched = aWatch(() => ({ engine: { overDays } }), clock);
  // A target set is handed over at once, read from the live engine: the first push, what later moves are measured from.
  watched.journal.observe([greenLanesSet]);
  await until(() => watched.published.length === 1);
  const judge = (): Promise<void> => watched.watch.judge(async (kpiId, from) => overDays(kpiId, from), clock.now().toISOString());
  return { ...watched, judge };
}

/** Waits for `condition`, a macrotask at a time, so that pending pushes settle. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; !condition(); turn += 1) {
    if (turn === 100) throw new Error('condition not met');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The figures a push is judged news on, in push order. */
const pushed = (published: TargetUpdate[][]) => published.flat().map((update) => ('retired' in update ? update : { progress: update.progress, status: update.status }));

describe('TargetWatch judging the live values', () => {
  // expected 0.5 now: recent values in [0, 0.5) are at risk (behind expected, not below the baseline)
  const now = '2026-01-06T00:00:00.000Z';

  it('does not push a progress move of 0.01 or less, and pushes one of more than 0.01', async () => {
    const recent = { value: 0, n: 40 };
    const { judge, published } = await aGreenLanesWatch(new TestClock(now), recent);
    expect(pushed(published)).toEqual([{ progress: 0, status: 'at_risk' }]);

    recent.value = 0.005;
    await judge();
    recent.value = 0.01;
    await judge();
    expect(published).toHaveLength(1);

    recent.value = 0.011;
    await judge();
    expect(pushed(published)).toEqual([
      { progress: 0, status: 'at_risk' },
      { progress: 0.011, status: 'at_risk' },
    ]);
  });

  it('pushes a status change even when progress does not move', async () => {
    const recent = { value: 0.2, n: 40 };
    const { judge, published } = await aGreenLanesWatch(new TestClock(now), recent);

    // 10 observations, fewer than the 20 ALERT_MIN_OBSERVATIONS asks for: insufficient data, on the same value
    recent.n = 10;
    await judge();
    expect(pushed(published)).toEqual([
      { progress: 0.2, status: 'at_risk' },
      { progress: 0.2, status: 'insufficient_data' },
    ]);
  });

  it('measures a move from the progress last pushed, not the last judged, so small steps that add up are pushed', async () => {
    const recent = { value: 0, n: 40 };
    const { judge, published } = await aGreenLanesWatch(new TestClock(now), recent);

    // 0.006 from the push at 0: not news
    recent.value = 0.006;
    await judge();
    expect(published).toHaveLength(1);
    // 0.006 from the last judged, 0.012 from the last pushed: news
    recent.value = 0.012;
    await judge();
    // 0.006 from the push at 0.012: not news
    recent.value = 0.018;
    await judge();
    expect(pushed(published)).toEqual([
      { progress: 0, status: 'at_risk' },
      { progress: 0.012, status: 'at_risk' },
    ]);
  });

  it('judges again on its interval with no commit, pushing a status that changed with time alone', async () => {
    // 2026-01-05T12:00Z, 4.5 days in: expected 0.45, so a recent 0.5 is on track
    const clock = new TestClock('2026-01-05T12:00:00.000Z');
    const { watch, published } = await aGreenLanesWatch(clock, { value: 0.5, n: 40 });
    // Faked after the set's push settled: `until` waits on real macrotasks.
    jest.useFakeTimers();
    try {
      watch.start();
      await jest.advanceTimersByTimeAsync(1_000);
      expect(published).toHaveLength(1);

      // a day later, 5.5 days in: expected 0.55, so the same 0.5 is at risk
      clock.set('2026-01-06T12:00:00.000Z');
      await jest.advanceTimersByTimeAsync(1_000);
      expect(pushed(published)).toEqual([
        { progress: 0.5, status: 'on_track' },
        { progress: 0.5, status: 'at_risk' },
      ]);
      expect(published[1]![0]).toMatchObject({ id: 'green', expected: expect.closeTo(0.55, 12) });
    } finally {
      watch.stop();
      jest.useRealTimers();
    }
  });
});
