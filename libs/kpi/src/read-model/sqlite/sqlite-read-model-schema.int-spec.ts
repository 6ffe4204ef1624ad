import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { openDurableSqlite } from '@customs-pulse/sql/sqlite';
import { anEvent } from '@customs-pulse/testing';

import { sqliteReadModelMigrations } from './sqlite-read-model-schema.js';
import { ROWS_WITHOUT_HOT_KEYS, expectRowsWithoutHotKeysKept } from '../testing/rows-without-hot-keys.js';
import { KpiEngine } from '../../engine/kpi-engine.js';
import { stored } from '../../engine/testing/stored-events.js';
import { KpiReadModelUnloadableError } from '../unloadable-read-model-error.js';
import { SqliteKpiReadModel } from './sqlite-kpi-read-model.js';

/**
 * Brings `file` to this build's schema and clears the mark migration 6 leaves on a read model that holds anything
 * (written-before.ts): what is read then is what the earlier migrations kept.
 */
function migrateAndForgetTheRebuild(file: string): void {
  const db = openDurableSqlite(file, sqliteReadModelMigrations);
  db.prepare('UPDATE kpi_checkpoint SET written_before = NULL WHERE id = 1').run();
  db.close();
}

/** An engine that saw one declaration's goods arrive at `time`. */
function arrivedAt(subject: string, time: string): KpiEngine {
  const engine = new KpiEngine();
  engine.apply(stored(anEvent.goodsArrived(subject, { officeId: 'O1' }, { time })));
  return engine;
}

const BUCKET = { measure: 'duties', granularity: 'hour', start: '2026-03-01T10:00:00.000Z', slice: '', values: [1, 5, 1], sketch: null };

describe('the SQLite KPI read model schema', () => {
  let folder: string;
  let file: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'kpi-read-model-schema-'));
    file = join(folder, 'read-model.sqlite');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('moves a version-1 read model into rowid tables, keeping every row and the checkpoint', async () => {
    const v1 = openDurableSqlite(file, sqliteReadModelMigrations.slice(0, 1));
    v1.prepare(`UPDATE kpi_checkpoint SET position = 7, quality = '{"negativeDurations":0}' WHERE id = 1`).run();
    v1.prepare('INSERT INTO kpi_declarations (subject, facts) VALUES (?, ?)').run('DEC-1', '{"hit":false}');
    v1.prepare('INSERT INTO kpi_cases (subject, facts) VALUES (?, ?)').run('CASE-1', '{"opened":null}');
    v1.prepare('INSERT INTO kpi_buckets (bucket_key, bucket) VALUES (?, ?)').run('duties|hour|2026-03-01T10:00:00.000Z|', JSON.stringify(BUCKET));
    v1.close();
    migrateAndForgetTheRebuild(file);

    const readModel = SqliteKpiReadModel.open({ file });
    const { checkpoint, snapshot } = await readModel.load();
    await readModel.close();

    expect(checkpoint).toBe(7);
    expect(snapshot).toEqual({
      declarations: [{ subject: 'DEC-1', facts: { hit: false } }],
      cases: [{ subject: 'CASE-1', facts: { opened: null } }],
      buckets: [BUCKET],
      quality: { negativeDurations: 0 },
    });
    const db = openDurableSqlite(file, sqliteReadModelMigrations);
    const withoutRowid = db
      .prepare<[], { name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%WITHOUT ROWID%'`)
      .all();
    db.close();
    expect(withoutRowid).toEqual([]);
  });
  it('gives a version-2 read model the hot key columns, its rows loading as rows without hot keys: hot, and in every TRS population', async () => {
    const { checkpoint, quality, declaration, enforcementCase } = ROWS_WITHOUT_HOT_KEYS;
    const v2 = openDurableSqlite(file, sqliteReadModelMigrations.slice(0, 2));
    v2.prepare('UPDATE kpi_checkpoint SET position = ?, quality = ? WHERE id = 1').run(checkpoint, JSON.stringify(quality));
    v2.prepare('INSERT INTO kpi_declarations (subject, facts) VALUES (?, ?)').run(declaration.subject, JSON.stringify(declaration.facts));
    v2.prepare('INSERT INTO kpi_cases (subject, facts) VALUES (?, ?)').run(enforcementCase.subject, JSON.stringify(enforcementCase.facts));
    v2.close();
    migrateAndForgetTheRebuild(file);

    const readModel = SqliteKpiReadModel.open({ file });
    try {
      await expectRowsWithoutHotKeysKept(readModel);
    } finally {
      await readModel.close();
    }
  });

  it('gives a version-3 read model a place for bucket horizons, none stored: a hot load reads every bucket, and a line read finds them', async () => {
    const v3 = openDurableSqlite(file, sqliteReadModelMigrations.slice(0, 3));
    v3.prepare('UPDATE kpi_checkpoint SET position = 7 WHERE id = 1').run();
    v3.prepare('INSERT INTO kpi_buckets (bucket_key, bucket) VALUES (?, ?)').run('duties|hour|2026-03-01T10:00:00.000Z|', JSON.stringify(BUCKET));
    v3.close();
    migrateAndForgetTheRebuild(file);
    const start = Date.parse(BUCKET.start);

    const readModel = SqliteKpiReadModel.open({ file });
    try {
      expect(await readModel.load({ openMaxDays: 7, recentSince: start })).toEqual({
        checkpoint: 7,
        snapshot: { declarations: [], cases: [], buckets: [BUCKET], quality: {} },
      });
      expect(await readModel.cold.bucketsBetween({ measure: 'duties', granularity: 'hour', slice: '' }, start, start + 3_600_000)).toEqual([BUCKET]);
    } finally {
      await readModel.close();
    }
  });
  it('refuses to load a version-5 read model that holds anything, written before the TRS day aggregates, so that it is rebuilt; its epochs start no answer', async () => {
    const v5 = openDurableSqlite(file, sqliteReadModelMigrations.slice(0, 5));
    v5.prepare('UPDATE kpi_checkpoint SET position = 7, epoch = 2 WHERE id = 1').run();
    v5.prepare('INSERT INTO kpi_declarations (subject, facts, last_event_at, open, released_at, epoch) VALUES (?, ?, ?, ?, ?, ?)').run('DEC-1', '{}', 1, 0, 1, 1);
    v5.prepare(`INSERT INTO kpi_epochs (epoch, position, last_recorded_at, quality) VALUES (1, 7, 1, '{}')`).run();
    v5.close();

    const readModel = SqliteKpiReadModel.open({ file });
    try {
      const loading = readModel.load({ openMaxDays: 7, recentSince: 0 });
      await expect(loading).rejects.toBeInstanceOf(KpiReadModelUnloadableError);
      await expect(loading).rejects.toThrow('the SQLite KPI read model was written before the TRS day aggregates and is rebuilt');
      await expect(readModel.load()).rejects.toBeInstanceOf(KpiReadModelUnloadableError);
      expect(await readModel.history.epochAsOf(Number.MAX_SAFE_INTEGER)).toBeNull();
    } finally {
      await readModel.close();
    }
  });

  it('loads a version-5 read model that holds nothing yet as empty, and commits to it', async () => {
    openDurableSqlite(file, sqliteReadModelMigrations.slice(0, 5)).close();

    const readModel = SqliteKpiReadModel.open({ file });
    try {
      expect(await readModel.load()).toEqual({ checkpoint: 0, snapshot: null });
      const dirty = arrivedAt('DEC-1', BUCKET.start).drainDirty();
      await readModel.commit({ expectedCheckpoint: 0, checkpoint: 3, dirty });
      expect(await readModel.load()).toEqual({ checkpoint: 3, snapshot: dirty });
    } finally {
      await readModel.close();
    }
  });
});
