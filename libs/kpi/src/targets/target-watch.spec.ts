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
const targetSet: TargetLedgerEvent = { type: 'TargetSet', subject: 'faster', data: plan as unknown as Record<string, unknown>, position: 1, recordedAt: '2026-03-01T10:00:00.000Z' };

/** A watch over a journal that holds one target, with nothing stored behind it. */
function aWatch(live: () => { engine: { overDays: () => { value: number | null; n: number } } }) {
  const journal = new TargetJournal({ store: { readAllOfTypes: async () => [], readStream: async () => [], appendMany: async () => [] } });
  const published: TargetUpdate[][] = [];
  const warnings: string[] = [];
  const watch = new TargetWatch({
    journal,
    live,
    clock: new TestClock('2026-06-01T12:00:00.000Z'),
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
