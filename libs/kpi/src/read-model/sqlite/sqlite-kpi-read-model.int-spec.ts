import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { anEvent } from '@customs-pulse/testing';

import { KpiEngine } from '../../engine/kpi-engine.js';
import { stored } from '../../engine/testing/stored-events.js';
import { canonical } from '../../projector/testing/stored-history.js';
import { StaleCheckpointError } from '../stale-checkpoint-error.js';
import { SqliteKpiReadModel } from './sqlite-kpi-read-model.js';

const at = (time: string) => ({ time: `2026-03-02T${time}:00.000Z` });

describe('SqliteKpiReadModel', () => {
  let folder: string;
  let file: string;
  const opened: SqliteKpiReadModel[] = [];
  const open = (): SqliteKpiReadModel => {
    const readModel = SqliteKpiReadModel.open({ file });
    opened.push(readModel);
    return readModel;
  };

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'kpi-read-model-'));
    file = join(folder, 'read-model.sqlite');
  });

  afterEach(async () => {
    for (const readModel of opened.splice(0)) await readModel.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('holds checkpoint 0 and no snapshot before the first commit', async () => {
    expect(await open().load()).toEqual({ checkpoint: 0, snapshot: null });
  });

  it('keeps drains written over key by key equal to the engine, across reopening', async () => {
    const engine = new KpiEngine();
    const readModel = open();
    engine.apply(stored(anEvent.goodsArrived('D1', { officeId: 'O1' }, at('08:00'))));
    engine.apply(stored(anEvent.declarationLodged('D1', { officeId: 'O1' }, at('09:00'))));
    await readModel.commit({ expectedCheckpoint: 0, checkpoint: 2, dirty: engine.drainDirty() });
    engine.apply(stored(anEvent.goodsReleased('D1', {}, at('10:00'))));
    engine.apply(stored(anEvent.seizureRecorded('S1', { officeId: 'O1' }, at('10:00'))));
    await readModel.commit({ expectedCheckpoint: 2, checkpoint: 4, dirty: engine.drainDirty() });
    await readModel.close();

    const { checkpoint, snapshot } = await open().load();
    expect(checkpoint).toBe(4);
    expect(canonical(snapshot!)).toEqual(canonical(engine.toJSON()));
    expect(canonical(KpiEngine.fromJSON(snapshot!).toJSON())).toEqual(canonical(engine.toJSON()));
  });

  it('refuses a commit from a stale checkpoint, naming both, and changes nothing', async () => {
    const engine = new KpiEngine();
    const readModel = open();
    engine.apply(stored(anEvent.goodsArrived('D1', { officeId: 'O1' }, at('08:00'))));
    await readModel.commit({ expectedCheckpoint: 0, checkpoint: 5, dirty: engine.drainDirty() });
    const before = await readModel.load();

    engine.apply(stored(anEvent.goodsArrived('D2', { officeId: 'O2' }, at('08:00'))));
    const stale = readModel.commit({ expectedCheckpoint: 3, checkpoint: 7, dirty: engine.drainDirty() });
    await expect(stale).rejects.toThrow(StaleCheckpointError);
    await expect(stale).rejects.toMatchObject({ expectedCheckpoint: 3, actualCheckpoint: 5 });
    await expect(stale).rejects.toThrow(/checkpoint is 5, not the expected 3/);
    expect(await readModel.load()).toEqual(before);
  });

  it('refuses a commit that does not move the checkpoint forward', async () => {
    const dirty = new KpiEngine().drainDirty();
    await expect(open().commit({ expectedCheckpoint: 0, checkpoint: 0, dirty })).rejects.toThrow(RangeError);
  });

  it('lets only one of two writers from the same checkpoint commit', async () => {
    const [first, second] = [open(), open()];
    const dirty = new KpiEngine().drainDirty();
    await first!.commit({ expectedCheckpoint: 0, checkpoint: 10, dirty });
    await expect(second!.commit({ expectedCheckpoint: 0, checkpoint: 12, dirty })).rejects.toThrow(StaleCheckpointError);
    expect((await second!.load()).checkpoint).toBe(10);
  });
});
