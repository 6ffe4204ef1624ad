import { describe, expect, it } from '@jest/globals';
import { projectionLag } from './projection-lag.js';

const now = new Date('2026-03-01T08:00:10.000Z');

describe('projectionLag', () => {
  it('is nothing when the projection has applied the head', () => {
    expect(projectionLag({ head: 42, applied: 42, oldestPendingRecordedAt: undefined, now })).toEqual({ events: 0, seconds: 0 });
  });

  it('counts the events between the applied position and the head', () => {
    expect(projectionLag({ head: 50, applied: 42, oldestPendingRecordedAt: '2026-03-01T08:00:09.000Z', now }).events).toBe(8);
  });

  it('measures seconds from when the oldest event not yet applied was stored, so it grows while nothing is applied', () => {
    const oldestPendingRecordedAt = '2026-03-01T08:00:07.500Z';

    expect(projectionLag({ head: 50, applied: 42, oldestPendingRecordedAt, now }).seconds).toBe(2.5);
    expect(projectionLag({ head: 50, applied: 42, oldestPendingRecordedAt, now: new Date('2026-03-01T08:01:07.500Z') }).seconds).toBe(60);
  });

  it('never goes below zero: a projection that read past the head it was compared with, or a store clock ahead', () => {
    expect(projectionLag({ head: 42, applied: 45, oldestPendingRecordedAt: undefined, now })).toEqual({ events: 0, seconds: 0 });
    expect(projectionLag({ head: 50, applied: 42, oldestPendingRecordedAt: '2026-03-01T08:00:11.000Z', now }).seconds).toBe(0);
  });
});
