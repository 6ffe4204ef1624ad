import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { anEvent, isPending, waitUntil } from '@customs-pulse/testing';

import { type KpiEngineSnapshot } from '../../engine/engine-snapshot.js';
import { KpiEngine } from '../../engine/kpi-engine.js';
import { stored } from '../../engine/testing/stored-events.js';
import { engineOverRealisticHistory } from '../../projection/testing/stored-history.js';
import { kpiReadModelContract } from '../testing/kpi-read-model.contract.js';
import { KpiReadModelUnloadableError } from '../unloadable-read-model-error.js';
import { SqliteKpiReadModel } from './sqlite-kpi-read-model.js';

describe('SqliteKpiReadModel', () => {
  kpiReadModelContract(() => {
    const folder = mkdtempSync(join(tmpdir(), 'kpi-read-model-'));
    const file = join(folder, 'read-model.sqlite');
    return {
      open: async () => SqliteKpiReadModel.open({ file }),
      dispose: async () => rmSync(folder, { recursive: true, force: true }),
    };
  });

  it('refuses to open a file that is no database as unloadable, naming the file, so that the projection rebuilds it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kpi-read-model-'));
    try {
      const file = join(folder, 'read-model.sqlite');
      writeFileSync(file, Buffer.alloc(8192, 0x5a));

      expect(() => SqliteKpiReadModel.open({ file })).toThrow(KpiReadModelUnloadableError);
      expect(() => SqliteKpiReadModel.open({ file })).toThrow(`the SQLite KPI read model ${file} does not open: file is not a database`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  // A catch-up commit is written in one transaction across event-loop turns: what others see meanwhile.
  describe('writing a catch-up commit across event-loop turns', () => {
    /** Tens of thousands of rows: more than one slice of the event loop to write. */
    let catchUp: KpiEngineSnapshot;
    let folder: string;
    let file: string;
    const opened: SqliteKpiReadModel[] = [];
    const open = (): SqliteKpiReadModel => {
      const readModel = SqliteKpiReadModel.open({ file });
      opened.push(readModel);
      return readModel;
    };
    /** The state before the catch-up commit: one declaration, at checkpoint 1. */
    const commitFirstEvent = async (readModel: SqliteKpiReadModel): Promise<void> => {
      const engine = new KpiEngine();
      engine.apply(stored(anEvent.goodsArrived('FIRST', { officeId: 'O1' }, { time: '2026-02-01T08:00:00.000Z' })));
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 1, dirty: engine.drainDirty() });
    };

    beforeAll(() => {
      catchUp = engineOverRealisticHistory(20260309, 3_000).drainDirty();
    });

    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'kpi-read-model-'));
      file = join(folder, 'read-model.sqlite');
    });

    afterEach(async () => {
      for (const readModel of opened.splice(0)) await readModel.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('shows readers on other connections the last committed state until the commit ends', async () => {
      const [writer, reader] = [open(), open()];
      await commitFirstEvent(writer);

      const committing = writer.commit({ expectedCheckpoint: 1, checkpoint: 20_000, dirty: catchUp });
      let turns = 0;
      while (await isPending(committing)) {
        turns += 1;
        const { checkpoint, snapshot } = await reader.load();
        expect([checkpoint, snapshot?.declarations.map(({ subject }) => subject)]).toEqual([1, ['FIRST']]);
      }
      await committing;

      expect(turns).toBeGreaterThan(0);
      const { checkpoint, snapshot } = await reader.load();
      expect([checkpoint, snapshot?.buckets.length]).toEqual([20_000, expect.any(Number)]);
      expect(snapshot!.declarations).toHaveLength(catchUp.declarations.length + 1);
    });

    it('answers history reads on the committing connection once the commit in flight has ended, which may yet roll back', async () => {
      const readModel = open();
      const engine = new KpiEngine();
      engine.apply(stored(anEvent.goodsArrived('FIRST', { officeId: 'O1' }, { time: '2026-02-01T08:00:00.000Z' })));
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 1, dirty: engine.drainDirty(), closesEpoch: { lastRecordedAt: '2026-02-01T08:00:00.000Z' } });
      const hot = { openMaxDays: 30, recentSince: 0 };
      const before = await readModel.history.loadAsOf(1, hot);

      const committing = readModel.commit({ expectedCheckpoint: 1, checkpoint: 20_000, dirty: catchUp });
      const loaded = await readModel.history.loadAsOf(1, hot);
      expect(await isPending(committing)).toBe(false);
      const released: unknown[] = [];
      const pages = readModel.history.coldAsOf(1).releasedIn(0, Number.MAX_SAFE_INTEGER, 10);
      const committingAgain = readModel.commit({ expectedCheckpoint: 20_000, checkpoint: 40_000, dirty: catchUp });
      for await (const page of pages) released.push(...page);
      expect(await isPending(committingAgain)).toBe(false);

      expect(loaded).toEqual(before);
      expect(released).toEqual([]);
    });

    it('answers a load on the committing connection once the commit in flight has ended, never half of it', async () => {
      const readModel = open();
      await commitFirstEvent(readModel);

      const committing = readModel.commit({ expectedCheckpoint: 1, checkpoint: 20_000, dirty: catchUp });
      const loaded = await readModel.load();

      expect(await isPending(committing)).toBe(false);
      expect([loaded.checkpoint, loaded.snapshot?.declarations.length]).toEqual([20_000, catchUp.declarations.length + 1]);
    });

    it('rolls back all of a commit that fails part way, and commits again on the same connection', async () => {
      const [writer, reader] = [open(), open()];
      await commitFirstEvent(writer);
      // Its last bucket does not serialize: the failure comes after every other row is written, across turns.
      const unwritable = { ...catchUp.buckets[0]!, values: [1n] as unknown as number[] };
      const failing = writer.commit({ expectedCheckpoint: 1, checkpoint: 20_000, dirty: { ...catchUp, buckets: [...catchUp.buckets, unwritable] } });

      expect(await isPending(failing)).toBe(true);
      await expect(failing).rejects.toThrow(TypeError);
      const { checkpoint, snapshot } = await reader.load();
      expect([checkpoint, snapshot?.declarations.map(({ subject }) => subject)]).toEqual([1, ['FIRST']]);

      await writer.commit({ expectedCheckpoint: 1, checkpoint: 20_000, dirty: catchUp });
      expect((await reader.load()).checkpoint).toBe(20_000);
    });
  });

  // SQLite would copy the WAL into the database file inside the COMMIT that passes 1,000 pages, on the event loop.
  describe('its WAL', () => {
    let folder: string;
    let file: string;
    const sizeOf = (path: string): number => (existsSync(path) ? statSync(path).size : 0);

    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'kpi-read-model-'));
      file = join(folder, 'read-model.sqlite');
    });

    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    it('is copied into the database file after each commit by another thread, even below SQLite\'s own threshold', async () => {
      const readModel = SqliteKpiReadModel.open({ file });
      try {
        const before = sizeOf(file);
        // About 400 pages (60 declarations' facts and buckets, the TRS day aggregates included), well under the 1,000
        // at which the COMMIT would copy them itself.
        await readModel.commit({ expectedCheckpoint: 0, checkpoint: 1, dirty: engineOverRealisticHistory(20260310, 60).drainDirty() });
        expect(sizeOf(`${file}-wal`)).toBeLessThan(1000 * 4096);

        await waitUntil('the database file holds the commit', () => sizeOf(file) > before + 256 * 1024);
      } finally {
        await readModel.close();
      }
    });

    // What a COMMIT does in one stretch: the sync held the event loop 50 to 60 ms per catch-up commit of the history
    // bench, writing the 2 MB of pages SQLite's default cache held 40 to 45. The thread's checkpoints sync the WAL
    // instead (wal-checkpointer-thread.ts runs them with synchronous=FULL); a smaller cache spills the pages earlier.
    it('is opened to be synced by the checkpoints, not by each commit, with a page cache of 512 KiB', async () => {
      const readModel = SqliteKpiReadModel.open({ file });
      try {
        const db = (readModel as unknown as { db: { pragma(name: string, options: object): unknown } }).db;

        expect(db.pragma('synchronous', { simple: true })).toBe(1);
        expect(db.pragma('cache_size', { simple: true })).toBe(-512);
      } finally {
        await readModel.close();
      }
    });

    it('is emptied as the read model closes, while another connection still reads the file', async () => {
      const [readModel, reader] = [SqliteKpiReadModel.open({ file }), SqliteKpiReadModel.open({ file })];
      try {
        await readModel.commit({ expectedCheckpoint: 0, checkpoint: 1, dirty: engineOverRealisticHistory(20260310, 150).drainDirty() });

        await readModel.close();

        expect(sizeOf(`${file}-wal`)).toBe(0);
        expect((await reader.load()).checkpoint).toBe(1);
      } finally {
        await reader.close();
      }
    });
  });
});
