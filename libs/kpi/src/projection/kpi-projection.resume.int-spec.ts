import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { anEvent, waitUntil } from '@customs-pulse/testing';

import { validated } from './testing/stored-history.js';
import { SqliteKpiReadModelGenerations } from '../read-model/sqlite/sqlite-kpi-read-model-generations.js';
import { type CommittedKpiBatch, type KpiCommitObserver, type ResumedKpiProjection } from './kpi-commit-observer.port.js';
import { KpiProjection } from './kpi-projection.js';

const CLOCK = { now: () => new Date('2026-03-03T12:30:00.000Z') };
const LOGGER = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** An observer that notes what it is told, in order; its `resumed` waits for `release`. */
class NotingObserver implements KpiCommitObserver {
  readonly told: string[] = [];
  private opened!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.opened = resolve));

  release(): void {
    this.opened();
  }

  async committed(batch: CommittedKpiBatch): Promise<void> {
    this.told.push(`committed ${batch.position}`);
  }

  async resumed({ position, caughtUp, engine }: ResumedKpiProjection): Promise<void> {
    const seizures = engine.current('seizures_count', CLOCK.now().toISOString()).value;
    this.told.push(`resumed ${position} caughtUp=${caughtUp} seizures=${seizures}`);
    await this.gate;
  }
}

describe('KpiProjection telling its observers it resumed (guarantee 9: the judge catches up at start)', () => {
  let folder: string;
  let store: SqliteEventStore;
  const projections: KpiProjection[] = [];
  const projection = (observer: KpiCommitObserver): KpiProjection => {
    const generations = SqliteKpiReadModelGenerations.open({ directory: join(folder, 'kpi') });
    const created = new KpiProjection({ source: store, generations, notifier: { publishKpiUpdates: async () => undefined }, observers: [observer], logger: LOGGER, clock: CLOCK });
    projections.push(created);
    return created;
  };
  const seizure = (id: string) => store.append(id, [validated(anEvent.seizureRecorded(id, { officeId: 'UZ-TAS' }, { time: '2026-03-03T11:00:00.000Z' }))], 'any');

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'kpi-projection-resume-'));
    store = SqliteEventStore.open({ file: join(folder, 'events.sqlite'), pollIntervalMs: 20 });
  });

  afterEach(async () => {
    for (const created of projections.splice(0)) await created.stop();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('tells them at start, at the read model checkpoint, before it projects anything, and only the live start', async () => {
    await seizure('S-1');
    await seizure('S-2');
    const first = new NotingObserver();
    first.release();
    const before = projection(first);
    await before.start();
    await before.caughtUp;
    await before.stop();

    const observer = new NotingObserver();
    const restarted = projection(observer);
    await restarted.start();
    await waitUntil('the observer is told the projection resumed', () => observer.told.length > 0);
    // No new event was needed; one arriving now waits for the observer to finish.
    await seizure('S-3');
    observer.release();
    await waitUntil('the new event is committed', () => observer.told.length > 1);
    await restarted.rebuild();

    expect(observer.told).toEqual(['resumed 2 caughtUp=true seizures=2', 'committed 3']);
  });
});
