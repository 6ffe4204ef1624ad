import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { openDurableSqlite } from '@customs-pulse/sql/sqlite';

import { sqliteReadModelMigrations } from './sqlite-read-model-schema.js';
import { ROWS_WITHOUT_HOT_KEYS, expectRowsWithoutHotKeysKept } from '../testing/rows-without-hot-keys.js';
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
});
