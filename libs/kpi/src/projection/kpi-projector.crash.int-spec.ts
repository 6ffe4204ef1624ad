import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SqliteEventStore } from '@customs-pulse/event-store/sqlite';
import { waitUntil } from '@customs-pulse/testing';

import { KpiEngine } from '../engine/kpi-engine.js';
import { SqliteKpiReadModel } from '../read-model/sqlite/sqlite-kpi-read-model.js';
import { KpiProjector } from './kpi-projector.js';
import { canonical, cleanRebuild, storeRealisticHistory } from './testing/stored-history.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

describe('KpiProjector killed mid-stream', () => {
  let folder: string;
  let store: SqliteEventStore;
  let readModel: SqliteKpiReadModel;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'kpi-projector-crash-'));
    store = SqliteEventStore.open({ file: join(folder, 'events.sqlite') });
    readModel = SqliteKpiReadModel.open({ file: join(folder, 'read-model.sqlite') });
    await storeRealisticHistory(store, 20260306, 150);
  });

  afterEach(async () => {
    await readModel.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('resumes after SIGKILL from the checkpoint and ends equal to a clean rebuild', async () => {
    const output: string[] = [];
    const child = spawn(
      process.execPath,
      ['--conditions=@customs-pulse/source', '--import', 'tsx', 'libs/kpi/src/projection/testing/projector-process.ts'],
      {
        cwd: repoRoot,
        env: { ...process.env, EVENTS_FILE: join(folder, 'events.sqlite'), READ_MODEL_FILE: join(folder, 'read-model.sqlite') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
    const head = (await store.head()).position;

    try {
      await waitUntil('the child committed some batches', async () => (await readModel.load()).checkpoint >= 100, 20_000);
    } catch (error) {
      throw new Error(`${String(error)}; child output: ${output.join('')}`, { cause: error });
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    const killedAt = (await readModel.load()).checkpoint;
    expect(killedAt).toBeLessThan(head);

    const projector = new KpiProjector({
      source: store,
      readModel,
      onChanges: () => undefined,
      logger: { warn: () => undefined, error: () => undefined },
    });
    await projector.start();
    await projector.caughtUp;
    await projector.stop();
    const { checkpoint, snapshot } = await readModel.load();
    expect(checkpoint).toBe(head);
    expect(canonical(KpiEngine.fromJSON(snapshot!).toJSON())).toEqual(canonical((await cleanRebuild(store)).toJSON()));
  });
});
