import { beforeEach, describe, expect, it } from '@jest/globals';
import { EventLoopTurns } from './event-loop-turns.js';

describe('EventLoopTurns', () => {
  let nowMs: number;
  const clock = (): number => nowMs;
  beforeEach(() => {
    nowMs = 1_000;
  });

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
});
