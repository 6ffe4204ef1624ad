import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { anEvent, waitUntil } from '@customs-pulse/testing';

import { type KpiUpdate, type Notifier } from '../notifier/notifier.port.js';
import { canonical, cleanRebuild, storeRealisticHistory, validated } from './testing/stored-history.js';
import { SqliteKpiReadModelGenerations } from '../read-model/sqlite/sqlite-kpi-read-model-generations.js';
import { KpiProjection, type KpiProjectionOptions } from './kpi-projection.js';

const NOW = '2026-03-03T12:30:00.000Z';
const CLOCK = { now: () => new Date(NOW) };
const LOGGER = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** A notifier that keeps every update it is handed. */
function recordingNotifier(): Notifier & { updates: KpiUpdate[] } {
  const updates: KpiUpdate[] = [];
  return { updates, publishKpiUpdates: async (batch) => void updates.push(...batch) };
}

describe('KpiProjection over SQLite', () => {
  let folder: string;
  let store: SqliteEventStore;
  const projections: KpiProjection[] = [];
  const projection = (notifier: Notifier = recordingNotifier(), options: Partial<KpiProjectionOptions> = {}): KpiProjection => {
    const created = new KpiProjection({
      ...options,
      source: store,
      generations: SqliteKpiReadModelGenerations.open({ directory: join(folder, 'kpi') }),
      notifier,
      logger: LOGGER,
      batchSize: 25,
      clock: CLOCK,
    });
    projections.push(created);
    return created;
  };
  const append = (raw: Record<string, unknown>) => store.append(String(raw['subject']), [validated(raw)], 'any');

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'kpi-projection-'));
    store = SqliteEventStore.open({ file: join(folder, 'events.sqlite'), pollIntervalMs: 20 });
  });

  afterEach(async () => {
    for (const created of projections.splice(0)) await created.stop();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('hands the notifier each changed current value, computed after the commit and stamped with its position', async () => {
    const notifier = recordingNotifier();
    const live = projection(notifier);
    await live.start();

    await append(anEvent.seizureRecorded('S-1', { officeId: 'UZ-TAS', category: 'DRUGS', estimatedValue: 500 }, { time: '2026-03-03T11:00:00.000Z' }));
    await waitUntil('the seizure is published', () => notifier.updates.length > 0);

    expect(notifier.updates).toContainEqual({
      kpiId: 'seizures_count',
      filters: { office: 'UZ-TAS' },
      value: 1,
      n: 1,
      window: { from: '2026-03-02T13:00:00.000Z', to: '2026-03-03T13:00:00.000Z' },
      position: 1,
    });
    expect(notifier.updates).toContainEqual(expect.objectContaining({ kpiId: 'seizures_value', filters: {}, value: 500 }));
  });

  it('does not publish a change outside the current window', async () => {
    const notifier = recordingNotifier();
    const live = projection(notifier);
    await live.start();

    await append(anEvent.seizureRecorded('S-OLD', {}, { time: '2026-02-01T11:00:00.000Z' }));
    await append(anEvent.seizureRecorded('S-NEW', {}, { time: '2026-03-03T11:00:00.000Z' }));
    await waitUntil('the recent seizure is published', () => notifier.updates.some((update) => update.position === 2));

    expect(notifier.updates.filter((update) => update.position === 1)).toEqual([]);
  });

  it('rebuilds into a fresh generation while appends go on, swaps it in, and equals a clean rebuild', async () => {
    await storeRealisticHistory(store, 20261123, 200);
    const live = projection();
    await live.start();
    await live.caughtUp;

    const rebuilding = live.rebuild();
    for (let index = 0; index < 20; index += 1) {
      await append(anEvent.goodsArrived(`LATE-${index}`, {}, { time: '2026-03-03T10:00:00.000Z' }));
    }
    const report = await rebuilding;
    const head = (await store.head()).position;
    await waitUntil('the swapped-in projection reaches the head', () => live.view().position === head);

    expect(report.generation).toBe(2);
    expect(canonical(live.view().engine.toJSON())).toEqual(canonical((await cleanRebuild(store)).toJSON()));
  });

  it('swaps a rebuild in once the reads holding the old engine have ended: they may still read its cold subjects', async () => {
    await storeRealisticHistory(store, 20261206, 60);
    // Closed declarations are let go of at once, so a TRS-like read finds them in the old read model only.
    const live = projection(recordingNotifier(), { heldSubjects: { openMaxDays: 1, closedCacheSize: 0 }, clock: { now: () => new Date('2026-04-01T00:00:00.000Z') } });
    await live.start();
    await live.caughtUp;
    const old = live.view();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const order: string[] = [];
    const read = old.hold.during(async () => {
      await gate;
      let rows = 0;
      // A page at a time, paced like a slow client's report, so that a swap that did not wait would close the old
      // read model under it: the wait is the reader's pace, not what the test waits for.
      for await (const page of old.cold!.releasedIn(0, Date.parse('2100-01-01T00:00:00.000Z'), 1)) {
        rows += page.length;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      order.push('read');
      return rows;
    });

    const rebuilding = live.rebuild().then(() => void order.push('swapped'));
    await waitUntil('the rebuilt engine is live', () => live.view().engine !== old.engine);
    open();

    expect(await read).toBeGreaterThan(20);
    await rebuilding;
    expect(order).toEqual(['read', 'swapped']);
  });

  it('restarts on the swapped-in generation, from its checkpoint', async () => {
    await storeRealisticHistory(store, 7, 50);
    const first = projection();
    await first.start();
    await first.caughtUp;
    await first.rebuild();
    const position = first.view().position;
    await first.stop();
    projections.splice(0);

    const second = projection();
    await second.start();

    expect(second.view().position).toBe(position);
    expect(canonical(second.view().engine.toJSON())).toEqual(canonical((await cleanRebuild(store)).toJSON()));
  });

  it('gives a second rebuild request the rebuild already running', async () => {
    await storeRealisticHistory(store, 11, 50);
    const live = projection();
    await live.start();

    const [first, second] = [live.rebuild(), live.rebuild()];

    expect(second).toBe(first);
    expect((await first).generation).toBe(2);
  });
});

describe('KpiProjection commit observer', () => {
  it('is told of each live batch: its events, the updates published, and the engine at that position', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kpi-observer-'));
    const store = SqliteEventStore.open({ file: join(folder, 'events.sqlite'), pollIntervalMs: 20 });
    const observed: { ids: string[]; kpis: string[]; position: number; seizures: number | null; caughtUp: boolean }[] = [];
    const live = new KpiProjection({
      source: store,
      generations: SqliteKpiReadModelGenerations.open({ directory: join(folder, 'kpi') }),
      notifier: recordingNotifier(),
      observers: [
        {
          committed: async ({ events, updates, position, now, engine, caughtUp }) =>
            void observed.push({
              ids: events.map((event) => event.id),
              kpis: [...new Set(updates.map((update) => update.kpiId))],
              position,
              seizures: engine.current('seizures_count', now).value,
              caughtUp,
            }),
        },
      ],
      logger: LOGGER,
      clock: CLOCK,
    });
    try {
      await live.start();
      await live.caughtUp;
      const seizure = validated(anEvent.seizureRecorded('S-9', {}, { time: '2026-03-03T11:00:00.000Z' }));
      await store.append('S-9', [seizure], 'any');
      await waitUntil('the batch is observed', () => observed.length > 0);

      expect(observed).toEqual([
        { ids: [seizure.id], kpis: expect.arrayContaining(['seizures_count', 'seizures_value', 'risk_based_seizure_share']), position: 1, seizures: 1, caughtUp: true },
      ]);
    } finally {
      await live.stop();
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('KpiProjection clock', () => {
  it('reads the clock once per commit and gives the notifier and every observer that one instant', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kpi-clock-'));
    const store = SqliteEventStore.open({ file: join(folder, 'events.sqlite'), pollIntervalMs: 20 });
    // Each read a second later than the one before: a second read per commit would show as a second instant.
    const instants: string[] = [];
    const countingClock = {
      now: (): Date => {
        const instant = new Date(Date.parse(NOW) + instants.length * 1000);
        instants.push(instant.toISOString());
        return instant;
      },
    };
    const told: { observer: string; now: string }[] = [];
    const observer = (name: string) => ({ committed: async ({ now }: { now: string }) => void told.push({ observer: name, now }) });
    const notifier = recordingNotifier();
    const live = new KpiProjection({
      source: store,
      generations: SqliteKpiReadModelGenerations.open({ directory: join(folder, 'kpi') }),
      notifier,
      observers: [observer('first'), observer('second')],
      logger: LOGGER,
      clock: countingClock,
    });
    try {
      await live.start();
      await live.caughtUp;
      for (const [subject, time] of [['S-1', '2026-03-03T11:00:00.000Z'], ['S-2', '2026-03-03T11:30:00.000Z']] as const) {
        await store.append(subject, [validated(anEvent.seizureRecorded(subject, {}, { time }))], 'any');
        await waitUntil(`the batch of ${subject} is observed`, () => told.length === (subject === 'S-1' ? 2 : 4));
      }

      expect(instants).toHaveLength(2);
      expect(told).toEqual([
        { observer: 'first', now: instants[0] },
        { observer: 'second', now: instants[0] },
        { observer: 'first', now: instants[1] },
        { observer: 'second', now: instants[1] },
      ]);
      expect(notifier.updates.length).toBeGreaterThan(0);
    } finally {
      await live.stop();
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('KpiProjection notifier failure', () => {
  it('still tells every observer of the batch when the notifier fails, and counts and logs the failure', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kpi-notifier-failure-'));
    const store = SqliteEventStore.open({ file: join(folder, 'events.sqlite'), pollIntervalMs: 20 });
    const observed: number[] = [];
    const errors: string[] = [];
    let failures = 0;
    const live = new KpiProjection({
      source: store,
      generations: SqliteKpiReadModelGenerations.open({ directory: join(folder, 'kpi') }),
      notifier: { publishKpiUpdates: () => Promise.reject(new Error('the KPI updates topic is unreachable')) },
      observers: [{ committed: async ({ position }) => void observed.push(position) }],
      logger: { ...LOGGER, error: (message: string) => void errors.push(message) },
      metrics: { notifierFailed: () => void (failures += 1), commitObserverFailed: () => undefined, projectionFailures: () => undefined },
      clock: CLOCK,
    });
    try {
      await live.start();
      await live.caughtUp;
      await store.append('S-1', [validated(anEvent.seizureRecorded('S-1', {}, { time: '2026-03-03T11:00:00.000Z' }))], 'any');
      await waitUntil('the seizure batch is observed', () => observed.length === 1);

      expect(observed).toEqual([1]);
      expect(failures).toBe(1);
      expect(errors).toEqual([expect.stringContaining('KPI notifier failed for the batch up to 1: the KPI updates topic is unreachable')]);
    } finally {
      await live.stop();
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('KpiProjection observer failure', () => {
  it('tells every observer of the batch when one before it throws, and counts and logs the failure', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kpi-observer-failure-'));
    const store = SqliteEventStore.open({ file: join(folder, 'events.sqlite'), pollIntervalMs: 20 });
    const observed: number[] = [];
    const errors: string[] = [];
    let failures = 0;
    class FailingObserver {
      committed(): Promise<void> {
        return Promise.reject(new Error('the alert journal is broken'));
      }
    }
    const live = new KpiProjection({
      source: store,
      generations: SqliteKpiReadModelGenerations.open({ directory: join(folder, 'kpi') }),
      notifier: recordingNotifier(),
      observers: [new FailingObserver(), { committed: async ({ position }) => void observed.push(position) }],
      logger: { ...LOGGER, error: (message: string) => void errors.push(message) },
      metrics: { notifierFailed: () => undefined, commitObserverFailed: () => void (failures += 1), projectionFailures: () => undefined },
      clock: CLOCK,
    });
    try {
      await live.start();
      await live.caughtUp;
      await store.append('S-1', [validated(anEvent.seizureRecorded('S-1', {}, { time: '2026-03-03T11:00:00.000Z' }))], 'any');
      await waitUntil('the seizure batch is observed by the second observer', () => observed.length === 1);

      expect(observed).toEqual([1]);
      expect(failures).toBe(1);
      expect(errors).toEqual([expect.stringContaining('KPI commit observer FailingObserver failed for the batch up to 1: the alert journal is broken')]);
    } finally {
      await live.stop();
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('KpiProjection failures by projector', () => {
  it("reports a rebuild's failed reads as the rebuild's, never as the live projection's", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kpi-rebuild-failure-'));
    const store = SqliteEventStore.open({ file: join(folder, 'events.sqlite'), pollIntervalMs: 20 });
    await store.append('S-1', [validated(anEvent.seizureRecorded('S-1', {}, { time: '2026-03-03T11:00:00.000Z' }))], 'any');
    let subscriptionsFail = false;
    const reported: string[] = [];
    const live = new KpiProjection({
      // The live projector holds its subscription; a rebuild opens a new one, which fails while `subscriptionsFail`.
      source: {
        head: () => store.head(),
        readAll: (after, limit) => store.readAll(after, limit),
        readAllOfTypes: (types, after, limit) => store.readAllOfTypes(types, after, limit),
        subscribeAll: (after, options) => {
          if (subscriptionsFail) throw new Error('the store is being failed over');
          return store.subscribeAll(after, options);
        },
      },
      generations: SqliteKpiReadModelGenerations.open({ directory: join(folder, 'kpi') }),
      notifier: recordingNotifier(),
      logger: LOGGER,
      metrics: { notifierFailed: () => undefined, commitObserverFailed: () => undefined, projectionFailures: (consecutive, projector) => void reported.push(`${projector} ${consecutive}`) },
      retry: { initialMs: 5, maxMs: 20 },
      clock: CLOCK,
    });
    try {
      await live.start();
      await live.caughtUp;
      subscriptionsFail = true;
      const rebuild = live.rebuild();
      await waitUntil('the rebuild has failed twice', () => reported.length >= 2);
      subscriptionsFail = false;
      await rebuild;

      expect(reported.slice(0, 2)).toEqual(['rebuild 1', 'rebuild 2']);
      expect(reported.filter((figure) => figure.startsWith('live'))).toEqual([]);
      expect(reported.at(-1)).toBe('rebuild 0');
      expect(live.failure).toBeNull();
    } finally {
      await live.stop();
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
