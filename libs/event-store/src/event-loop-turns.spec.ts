import { stat } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { EventLoopTurns } from './event-loop-turns.js';

describe('EventLoopTurns', () => {
  let nowMs: number;
  const clock = (): number => nowMs;
  beforeEach(() => {
    nowMs = 1_000;
  });

  /** Four steps of 10 ms each, named in `log` as they run: a turn is due after every second one. */
  function* fourSteps(log: string[]): Generator<void, void, undefined> {
    for (let step = 1; step <= 4; step += 1) {
      log.push(`step ${step}`);
      nowMs += 10;
      yield;
    }
  }

  it('is due once the loop has held the event loop for its slice', () => {
    const turns = new EventLoopTurns(20, clock);
    nowMs += 19;
    expect(turns.due).toBe(false);
    nowMs += 1;
    expect(turns.due).toBe(true);
  });

  it('lets a callback queued before it run when it gives a turn, and starts a new slice then', async () => {
    const turns = new EventLoopTurns(20, clock);
    let immediateRan = false;
    setImmediate(() => (immediateRan = true));
    nowMs += 25;
    await turns.give();
    expect(immediateRan).toBe(true);
    expect(turns.due).toBe(false);
    nowMs += 20;
    expect(turns.due).toBe(true);
  });

  it('lets a due timer run before it resumes, even when given from an I/O callback', async () => {
    const turns = new EventLoopTurns(20, clock);
    const timerRanFirst = await new Promise<boolean>((resolve, reject) => {
      // A file system callback runs where an HTTP request's handler does: in the event loop's poll for I/O, after
      // which the immediates queued there run before the next round of timers.
      stat(fileURLToPath(import.meta.url), (error) => {
        if (error !== null) return reject(error);
        let timerRan = false;
        setTimeout(() => (timerRan = true), 1);
        const due = performance.now() + 5;
        while (performance.now() < due);
        void turns.give().then(() => resolve(timerRan));
      });
    });

    expect(timerRanFirst).toBe(true);
  });

  it('completes a computation done in steps, giving a turn between two steps once due, and returns its result', async () => {
    const turns = new EventLoopTurns(20, clock);
    const turnsAfterStep: number[] = [];
    let turned = false;
    function* steps(): Generator<void, string, undefined> {
      for (let step = 1; step <= 6; step += 1) {
        if (turned) turnsAfterStep.push(step - 1);
        turned = false;
        setImmediate(() => (turned = true));
        // 10 ms a step: a turn is due after every second one.
        nowMs += 10;
        yield;
      }
      return 'done';
    }

    expect(await turns.complete(steps())).toBe('done');
    expect(turnsAfterStep).toEqual([2, 4]);
  });

  it('awaits what follows a turn before the next step, and only after a turn', async () => {
    const turns = new EventLoopTurns(20, clock);
    const log: string[] = [];

    await turns.complete(fourSteps(log), async () => {
      await Promise.resolve();
      log.push('after turn');
    });
    expect(log).toEqual(['step 1', 'step 2', 'after turn', 'step 3', 'step 4', 'after turn']);
  });

  describe('a stretch', () => {
    /** A stretch that takes `ms` and says whether a turn came since the mark set before it was asked for. */
    function stretchOf(ms: number, turned: () => boolean): () => Promise<boolean> {
      return async () => {
        nowMs += ms;
        return turned();
      };
    }
    /** Queues a callback before `turns` is asked, which runs only if a turn is given. */
    function markTurn(): () => boolean {
      let ran = false;
      setImmediate(() => (ran = true));
      return () => ran;
    }

    it('gives a turn first when the slice so far and the last stretch\'s length would pass the slice', async () => {
      const turns = new EventLoopTurns(20, clock);
      expect(await turns.stretch(stretchOf(12, markTurn()))).toBe(false);
      nowMs += 2;

      // 2 ms since the last stretch's end, and 12 of its own before it: 26 ms of a 20 ms slice.
      expect(await turns.stretch(stretchOf(12, markTurn()))).toBe(true);
    });

    it('gives none while the slice so far and the last stretch\'s length fit in the slice', async () => {
      const turns = new EventLoopTurns(20, clock);
      expect(await turns.stretch(stretchOf(3, markTurn()))).toBe(false);
      nowMs += 2;

      // 5 ms held, and a last stretch of 3: 8 of 20.
      expect(await turns.stretch(stretchOf(3, markTurn()))).toBe(false);
      expect(turns.due).toBe(false);
    });

    it('gives a turn first when one is due, as a step would', async () => {
      const turns = new EventLoopTurns(20, clock);
      nowMs += 20;

      expect(await turns.stretch(stretchOf(1, markTurn()))).toBe(true);
    });

    it('returns what the stretch returns', async () => {
      await expect(new EventLoopTurns(20, clock).stretch(async () => 'page')).resolves.toBe('page');
    });
  });

  it('starts the next slice once what follows a turn has returned, however long it waited', async () => {
    const turns = new EventLoopTurns(20, clock);
    const log: string[] = [];

    // A wait of 50 ms for readers: counted in the slice, it would make a turn due after every step.
    await turns.complete(fourSteps(log), async () => {
      nowMs += 50;
      log.push('after turn');
    });
    expect(log).toEqual(['step 1', 'step 2', 'after turn', 'step 3', 'step 4', 'after turn']);
  });
});
