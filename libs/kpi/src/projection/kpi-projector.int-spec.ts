import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { anEvent, waitUntil } from '@customs-pulse/testing';

import { type KpiChanges } from '../engine/kpi-changes.js';
import { KpiEngine } from '../engine/kpi-engine.js';
import { type KpiReadModel } from '../read-model/read-model.port.js';
import { SqliteKpiReadModel } from '../read-model/sqlite/sqlite-kpi-read-model.js';
import { StaleCheckpointError } from '../read-model/stale-checkpoint-error.js';
import { KpiProjector, type KpiProjectorOptions } from './kpi-projector.js';
import { canonical, cleanRebuild, storeRealisticHistory, validated } from './testing/stored-history.js';

const CLOCK = { now: () => new Date('2026-03-03T12:00:00.000Z') };

/** A logger that keeps what it was told, for assertions. */
function recordingLogger() {
  const warnings: string[] = [];
  const errors: string[] = [];
  return { warnings, errors, warn: (m: string) => void warnings.push(m), error: (m: string) => void errors.push(m) };
}

describe('KpiProjector over SQLite', () => {
  let folder: string;
  let store: SqliteEventStore;
  const readModelFile = (): string => join(folder, 'read-model.sqlite');
  const closing: { close(): Promise<void> }[] = [];
  const projectors: KpiProjector[] = [];

  const openReadModel = (): SqliteKpiReadModel => {
    const readModel = SqliteKpiReadModel.open({ file: readModelFile() });
    closing.push(readModel);
    return readModel;
  };
  const projector = (options: Partial<KpiProjectorOptions> = {}): KpiProjector => {
    const created = new KpiProjector({
      source: store,
      readModel: openReadModel(),
      onChanges: () => undefined,
      logger: recordingLogger(),
      batchSize: 50,
      clock: CLOCK,
      retry: { initialMs: 1, maxMs: 5 },
      ...options,
    });
    projectors.push(created);
    return created;
  };
  /** The engine the read model restores, in a canonical order. */
  const restored = async () => {
    const { snapshot } = await openReadModel().load();
    return canonical(KpiEngine.fromJSON(snapshot!).toJSON());
  };

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'kpi-projector-'));
    store = SqliteEventStore.open({ file: join(folder, 'events.sqlite'), pollIntervalMs: 20 });
    await storeRealisticHistory(store, 20260305, 150);
  });

  afterEach(async () => {
    for (const running of projectors.splice(0)) await running.stop();
    for (const resource of closing.splice(0)) await resource.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('projects the stored log to its head; the read model restores the engine a clean rebuild gives', async () => {
    const running = projector();
    await running.start();
    await running.caughtUp;
    expect(running.isCaughtUp).toBe(true);
    expect(running.position).toBe((await store.head()).position);
    expect(await restored()).toEqual(canonical((await cleanRebuild(store)).toJSON()));
  });

  it('resumes from the checkpoint after a stop mid-way and ends equal to a clean rebuild', async () => {
    let batches = 0;
    const first: KpiProjector = projector({
      // Every batch its own commit, so that the stop falls after the third.
      catchUpCommit: { maxEvents: 1, maxMs: 60_000 },
      onChanges: () => {
        batches += 1;
        if (batches === 3) void first.stop();
      },
    });
    await first.start();
    await first.done;
    const head = (await store.head()).position;
    expect(first.position).toBe(150);
    expect(first.position).toBeLessThan(head);
    expect((await openReadModel().load()).checkpoint).toBe(first.position);

    const second = projector();
    await second.start();
    await second.caughtUp;
    expect(second.position).toBe(head);
    expect(await restored()).toEqual(canonical((await cleanRebuild(store)).toJSON()));
  });

  it('commits caught-up batches together and, once live, each batch on its own', async () => {
    const readModel = openReadModel();
    const checkpoints: number[] = [];
    const counting: KpiReadModel = {
      load: () => readModel.load(),
      close: () => readModel.close(),
      commit: async (change) => {
        await readModel.commit(change);
        checkpoints.push(change.checkpoint);
      },
    };
    const running = projector({ readModel: counting, catchUpCommit: { maxEvents: 120, maxMs: 60_000 } });
    await running.start();
    await running.caughtUp;
    const head = (await store.head()).position;
    // Batches of 50: a commit once 120 or more wait (every third batch), and one at the head the log had at start.
    const expected = [];
    for (let end = 150; end < head; end += 150) expected.push(end);
    expect(checkpoints).toEqual([...expected, head]);
    expect(await restored()).toEqual(canonical((await cleanRebuild(store)).toJSON()));

    checkpoints.length = 0;
    for (const [index, subject] of ['DEC-LIVE-1', 'DEC-LIVE-2'].entries()) {
      await store.append(subject, [validated(anEvent.dutiesPaid(subject, { amount: 5 }, { time: '2026-03-03T11:00:00.000Z' }))]);
      await waitUntil(`live event ${index + 1} is committed`, () => running.position === head + index + 1);
    }
    expect(checkpoints).toEqual([head + 1, head + 2]);
  });

  it('closes an epoch at its first commit, then each time epochEvents more are committed, a catch-up committing there', async () => {
    const readModel = openReadModel();
    const commits: { checkpoint: number; closes: boolean }[] = [];
    const recording: KpiReadModel = {
      load: () => readModel.load(),
      close: () => readModel.close(),
      commit: async (change) => {
        await readModel.commit(change);
        commits.push({ checkpoint: change.checkpoint, closes: change.closesEpoch !== undefined });
      },
    };
    const running = projector({ readModel: recording, epochEvents: 220, catchUpCommit: { maxEvents: 120, maxMs: 60_000 } });
    await running.start();
    await running.caughtUp;
    const head = (await store.head()).position;
    // Batches of 50, a commit once 120 wait: 150 (the first, closing), 300, then 400, the batch that fills the epoch's
    // 220 (an epoch holds at most a batch more than epochEvents), 550.
    expect(commits.slice(0, 4)).toEqual([
      { checkpoint: 150, closes: true },
      { checkpoint: 300, closes: false },
      { checkpoint: 400, closes: true },
      { checkpoint: 550, closes: false },
    ]);
    expect(commits.at(-1)!.checkpoint).toBe(head);
    const { recordedAt } = (await store.readAll(399, 1))[0]!;
    expect(await readModel.history.epochAsOf(Date.parse(recordedAt))).toMatchObject({ epoch: 2, position: 400 });
  });

  it('hands events appended after catch-up to the listener once committed', async () => {
    const told: KpiChanges[] = [];
    const running = projector({ onChanges: (changes) => void told.push(changes) });
    await running.start();
    await running.caughtUp;
    told.length = 0;

    await store.append('DEC-LIVE', [validated(anEvent.dutiesPaid('DEC-LIVE', { amount: 5 }, { time: '2026-03-03T11:00:00.000Z' }))]);
    const head = (await store.head()).position;
    await waitUntil('the live event is committed', () => running.position === head);
    expect(told.flatMap((changes) => changes.buckets)).toContainEqual(
      expect.objectContaining({ kpiId: 'duties_collected', granularity: 'hour', start: '2026-03-03T11:00:00.000Z', slice: '' }),
    );
    expect(told.flatMap((changes) => changes.current)).toContainEqual({ kpiId: 'duties_collected', slice: '' });
    expect((await openReadModel().load()).checkpoint).toBe(head);
  });

  it('retries a failed commit until it is stored, skipping nothing', async () => {
    const logger = recordingLogger();
    const sqlite = openReadModel();
    let failures = 3;
    const flaky: KpiReadModel = {
      load: () => sqlite.load(),
      close: () => sqlite.close(),
      commit: async (change) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('disk I/O error');
        }
        await sqlite.commit(change);
      },
    };
    const running = projector({ readModel: flaky, logger, catchUpCommit: { maxEvents: 1, maxMs: 60_000 } });
    await running.start();
    await running.caughtUp;
    expect(logger.warnings).toHaveLength(3);
    expect(logger.warnings[0]).toMatch(/commit up to 50 failed \(attempt 1\), retrying in 1 ms: disk I\/O error/);
    expect(await restored()).toEqual(canonical((await cleanRebuild(store)).toJSON()));
  });

  it('stops, with StaleCheckpointError, when another writer moved the checkpoint', async () => {
    const logger = recordingLogger();
    const running = projector({ logger });
    await running.start();
    await running.caughtUp;
    const intruder = openReadModel();
    await intruder.commit({ expectedCheckpoint: running.position, checkpoint: running.position + 1_000, dirty: new KpiEngine().drainDirty() });

    await store.append('DEC-LIVE', [validated(anEvent.goodsArrived('DEC-LIVE', {}, { time: '2026-03-03T11:00:00.000Z' }))]);
    await expect(running.done).rejects.toThrow(StaleCheckpointError);
    expect(logger.errors[0]).toMatch(/another projector moved it/);
    expect((await intruder.load()).checkpoint).toBe(running.position + 1_000);
  });
});
