import { describe, expect, it } from '@jest/globals';
import { TestClock } from '@customs-pulse/testing';

import { KpiEngine } from '../engine/kpi-engine.js';
import { EngineReadHold } from './engine-read-hold.js';
import { KpiAnswers } from './kpi-answers.js';

describe('KpiAnswers across event-loop turns', () => {
  it('holds the live engine, at the position it reports, until the read settles', async () => {
    const hold = new EngineReadHold();
    const engine = new KpiEngine();
    const answers = new KpiAnswers({ view: () => ({ engine, position: 7, hold, cold: null }) }, { answer: () => Promise.reject(new Error('not asked')) }, new TestClock('2026-03-03T12:00:00.000Z'));

    const read = answers.answerAcrossTurns(undefined, async (read, { position, now }) => {
      await new Promise((resolve) => setImmediate(resolve));
      return { held: hold.released !== null, same: read === engine, position, now };
    });

    expect(hold.released).not.toBeNull();
    await expect(read).resolves.toEqual({ held: true, same: true, position: 7, now: '2026-03-03T12:00:00.000Z' });
    expect(hold.released).toBeNull();
  });

  it('lets the projector go on once the last of overlapping reads settles', async () => {
    const hold = new EngineReadHold();
    let endFirst!: () => void;
    const first = hold.during(() => new Promise<void>((resolve) => (endFirst = resolve)));
    const second = hold.during(async () => undefined);
    await second;

    const released = hold.released;
    expect(released).not.toBeNull();
    endFirst();
    await first;
    await released;
    expect(hold.released).toBeNull();
  });
});
