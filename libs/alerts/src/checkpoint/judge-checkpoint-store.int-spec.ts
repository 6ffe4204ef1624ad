import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { dropSchemas, postgresUrl, uniqueSchemaName } from '@customs-pulse/testing';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

import { type JudgeCheckpointStore } from './judge-checkpoint.port.js';
import { openJudgeCheckpointStore } from './open-judge-checkpoint-store.js';
import { JUDGE_CHECKPOINT_FILE } from './sqlite/sqlite-judge-checkpoint-store.js';

const folder = mkdtempSync(join(tmpdir(), 'customs-pulse-judge-checkpoint-'));
const schemas: string[] = [];
const opened: JudgeCheckpointStore[] = [];

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await dropSchemas(schemas);
});

/** Where one test keeps the checkpoint, how a process opens it there, and how a test garbles its row behind its back. */
interface Place {
  open(): Promise<JudgeCheckpointStore>;
  garble(sql: string): Promise<void>;
}

const places: [string, () => Place][] = [
  [
    'SQLite',
    () => {
      const directory = mkdtempSync(join(folder, 'read-model-'));
      return {
        open: () => openJudgeCheckpointStore({ adapter: 'sqlite', directory }),
        garble: async (sql) => {
          const db = new Database(join(directory, JUDGE_CHECKPOINT_FILE));
          db.exec(sql);
          db.close();
        },
      };
    },
  ],
  [
    'PostgreSQL',
    () => {
      const schema = uniqueSchemaName('judge');
      schemas.push(schema);
      return {
        open: () => openJudgeCheckpointStore({ adapter: 'postgres', connectionString: postgresUrl, schema }),
        garble: async (sql) => {
          const client = new pg.Client({ connectionString: postgresUrl });
          await client.connect();
          await client.query(`SET search_path TO "${schema}"`);
          await client.query(sql).finally(() => client.end());
        },
      };
    },
  ],
];

async function opening(place: Place): Promise<JudgeCheckpointStore> {
  const store = await place.open();
  opened.push(store);
  return store;
}

describe.each(places)("the alert judge's checkpoint beside the KPI read model, on %s", (_name, placeFor) => {
  it('holds nothing at first, then the last checkpoint saved, with its slices put off, across a reopen', async () => {
    const place = placeFor();
    const first = await opening(place);
    expect(await first.load()).toBeNull();

    await first.save({ position: 7, deferred: [{ kpiId: 'backlog', filters: {} }] });
    await first.save({ position: 9, deferred: [{ kpiId: 'release_time_mean', filters: { office: 'UZ-TAS' } }] });
    await first.close();
    opened.splice(opened.indexOf(first), 1);

    expect(await (await opening(place)).load()).toEqual({ position: 9, deferred: [{ kpiId: 'release_time_mean', filters: { office: 'UZ-TAS' } }] });
  });

  it('names the checkpoint that does not decode, and why', async () => {
    const place = placeFor();
    const store = await opening(place);
    await store.save({ position: 3, deferred: [] });
    await place.garble(`UPDATE alert_judge_checkpoint SET deferred = '[{"kpiId": 1}]'`);

    await expect(store.load()).rejects.toThrow(/alert judge's checkpoint in .*alert[-_]judge.* has deferred slices that are not \[\{kpiId, filters\}\]/);
  });
});
