import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '@customs-pulse/event-store';
import { TestClock } from '@customs-pulse/testing';

import type { ProjectionFailure } from '../../projection/projection-failures.js';
import { KpiProjectionReadiness } from './kpi-projection-readiness.js';

/** A log in memory whose event at position p was stored p seconds after 08:00:00. */
function aLog(length: number) {
  const log = {
    length,
    outage: null as Error | null,
    reads: [] as [number, number][],
    async readAll(after: number, limit: number): Promise<RecordedEvent[]> {
      log.reads.push([after, limit]);
      if (log.outage) throw log.outage;
      const positions = Array.from({ length: Math.max(0, Math.min(limit, log.length - after)) }, (_, index) => after + 1 + index);
      return positions.map((position) => ({ position, recordedAt: new Date(Date.UTC(2026, 2, 1, 8, 0, position)).toISOString() }) as RecordedEvent);
    },
  };
  return log;
}

/** A projection that has applied `position`, caught up unless told otherwise. */
function aProjection(
  position: number,
  state: { isCaughtUp?: boolean; failure?: ProjectionFailure | null; restoringBecause?: string } = {},
) {
  return {
    isCaughtUp: state.isCaughtUp ?? true,
    failure: state.failure ?? null,
    restoringBecause: state.restoringBecause ?? null,
    committedPosition: position - 2,
    view: () => ({ position }) as never,
  };
}

describe('KpiProjectionReadiness', () => {
  it('measures the lag from the recordedAt of the oldest event not yet applied, with one one-event read', async () => {
    const log = aLog(50);
    const clock = new TestClock('2026-03-01T08:01:00.000Z');

    const status = await new KpiProjectionReadiness(aProjection(42), log, clock, 60).check();

    // Event 43 was stored at 08:00:43.
    expect(status).toMatchObject({ ready: true, position: 42, committedPosition: 40, lagSeconds: 17, failing: false, maxLagSeconds: 60 });
    expect(log.reads).toEqual([[42, 1]]);
  });

  it('is not ready once the lag passes the limit, and grows while nothing is applied', async () => {
    const clock = new TestClock('2026-03-01T08:01:43.000Z');
    const readiness = new KpiProjectionReadiness(aProjection(42), aLog(50), clock, 60);

    expect(await readiness.check()).toMatchObject({ ready: true, lagSeconds: 60 });
    clock.advance(500);
    expect(await readiness.check()).toMatchObject({ ready: false, lagSeconds: 60.5 });
  });

  it('shows no lag when the projection has applied the whole log', async () => {
    const clock = new TestClock('2026-03-01T09:00:00.000Z');

    expect(await new KpiProjectionReadiness(aProjection(50), aLog(50), clock, 60).check()).toMatchObject({ ready: true, lagSeconds: 0 });
  });

  it('is not ready while the projection fails, saying why and how many times in a row', async () => {
    const failure = { consecutive: 3, error: 'connection refused' };
    const status = await new KpiProjectionReadiness(aProjection(50, { failure }), aLog(50), new TestClock(), 60).check();

    expect(status).toMatchObject({ ready: false, failing: true, consecutiveFailures: 3, error: 'connection refused' });
  });

  it('is not ready while an unloadable read model is being rebuilt, saying why, and reads no lag', async () => {
    const log = aLog(50);
    const projection = { ...aProjection(0, { restoringBecause: 'values are not 8 integers' }), view: () => { throw new Error('no view'); } };
    const status = await new KpiProjectionReadiness(projection, log, new TestClock(), 60).check();

    expect(status).toMatchObject({ ready: false, restoring: true, caughtUp: false });
    expect(status.error).toContain('values are not 8 integers');
    expect(log.reads).toEqual([]);
  });

  it('is not ready before the projection has caught up with the log as it was at start', async () => {
    const clock = new TestClock('2026-03-01T08:00:50.000Z');

    expect(await new KpiProjectionReadiness(aProjection(49, { isCaughtUp: false }), aLog(50), clock, 60).check()).toMatchObject({
      ready: false,
      caughtUp: false,
    });
  });

  it('is not ready when the lag cannot be read, and says so', async () => {
    const log = aLog(50);
    log.outage = new Error('store closed');

    expect(await new KpiProjectionReadiness(aProjection(50), log, new TestClock(), 60).check()).toEqual(
      expect.objectContaining({ ready: false, lagSeconds: null, error: 'the projection lag cannot be read: store closed' }),
    );
  });
});
