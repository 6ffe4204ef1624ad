import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@customs-pulse/event-store';
import { PendingCommit } from './pending-commit.js';

function batchAt(...positions: number[]): RecordedEvent[] {
  return positions.map((position) => ({ position }) as RecordedEvent);
}

describe('PendingCommit', () => {
  it('is not due while empty, however long it has been', () => {
    let now = 0;
    const pending = new PendingCommit({ maxEvents: 2, maxMs: 10 }, () => now);
    now = 1_000;
    expect(pending.isDue()).toBe(false);
  });

  it('becomes due once it holds maxEvents events', () => {
    const pending = new PendingCommit({ maxEvents: 3, maxMs: 1_000 }, () => 0);
    pending.add(batchAt(1, 2));
    expect(pending.isDue()).toBe(false);
    pending.add(batchAt(3));
    expect(pending.isDue()).toBe(true);
  });

  it('becomes due maxMs after its first batch was added, not after the last', () => {
    let now = 100;
    const pending = new PendingCommit({ maxEvents: 1_000, maxMs: 50 }, () => now);
    pending.add(batchAt(1));
    now = 140;
    pending.add(batchAt(2));
    expect(pending.isDue()).toBe(false);
    now = 150;
    expect(pending.isDue()).toBe(true);
  });

  it('hands over every added event in order and starts afresh', () => {
    let now = 0;
    const pending = new PendingCommit({ maxEvents: 10, maxMs: 50 }, () => now);
    pending.add(batchAt(1, 2));
    pending.add(batchAt(3));
    expect(pending.take().map(({ position }) => position)).toEqual([1, 2, 3]);
    now = 500;
    expect(pending.isDue()).toBe(false);
    expect(pending.take()).toEqual([]);
  });
});
