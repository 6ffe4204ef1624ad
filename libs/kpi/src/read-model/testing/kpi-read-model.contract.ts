import { afterEach, beforeEach, expect, it } from '@jest/globals';
import { anEvent, probeEventLoop } from '@customs-pulse/testing';

import { KpiEngine } from '../../engine/kpi-engine.js';
import { stored } from '../../engine/testing/stored-events.js';
import { canonical, engineOverRealisticHistory } from '../../projection/testing/stored-history.js';
import { type KpiReadModel } from '../read-model.port.js';
import { StaleCheckpointError } from '../stale-checkpoint-error.js';
import { coldBucketsContract } from './cold-buckets.contract.js';
import { hotAndColdSubjectsContract } from './hot-and-cold-subjects.contract.js';
import { readModelHistoryContract } from './read-model-history.contract.js';

/** Where one test's read model lives: each `open` connects anew to the same store, empty when the test starts. */
export interface KpiReadModelSite {
  open(): Promise<KpiReadModel>;
  /** Deletes the store, once every read model opened on it is closed. */
  dispose?(): Promise<void>;
}

const at = (time: string) => ({ time: `2026-03-02T${time}:00.000Z` });

/**
 * The behaviour every {@link KpiReadModel} adapter must have (read-model.port.ts). Each adapter's int-spec calls
 * this with a way to make an empty store per test, and adds what is specific to its database.
 */
export function kpiReadModelContract(newSite: () => Promise<KpiReadModelSite> | KpiReadModelSite): void {
  let site: KpiReadModelSite;
  const opened: KpiReadModel[] = [];
  const open = async (): Promise<KpiReadModel> => {
    const readModel = await site.open();
    opened.push(readModel);
    return readModel;
  };

  beforeEach(async () => {
    site = await newSite();
  });

  afterEach(async () => {
    for (const readModel of opened.splice(0)) await readModel.close();
    await site.dispose?.();
  });

  it('holds checkpoint 0 and no snapshot before the first commit', async () => {
    expect(await (await open()).load()).toEqual({ checkpoint: 0, snapshot: null });
  });

  it('keeps drains written over key by key equal to the engine, across reopening', async () => {
    const engine = new KpiEngine();
    const readModel = await open();
    engine.apply(stored(anEvent.goodsArrived('D1', { officeId: 'O1' }, at('08:00'))));
    engine.apply(stored(anEvent.declarationLodged('D1', { officeId: 'O1' }, at('09:00'))));
    await readModel.commit({ expectedCheckpoint: 0, checkpoint: 2, dirty: engine.drainDirty() });
    engine.apply(stored(anEvent.goodsReleased('D1', {}, at('10:00'))));
    engine.apply(stored(anEvent.seizureRecorded('S1', { officeId: 'O1' }, at('10:00'))));
    await readModel.commit({ expectedCheckpoint: 2, checkpoint: 4, dirty: engine.drainDirty() });
    await readModel.close();

    const { checkpoint, snapshot } = await (await open()).load();
    expect(checkpoint).toBe(4);
    expect(canonical(snapshot!)).toEqual(canonical(engine.toJSON()));
    expect(canonical(KpiEngine.fromJSON(snapshot!).toJSON())).toEqual(canonical(engine.toJSON()));
  });

  it('stores a drain of thousands of rows in one commit, as a rebuild makes', async () => {
    const engine = engineOverRealisticHistory(20260307, 120);
    const dirty = engine.drainDirty();
    // Several times what an adapter might send in one statement (PostgreSQL: 2000 rows).
    expect(dirty.buckets.length).toBeGreaterThan(5000);

    await (await open()).commit({ expectedCheckpoint: 0, checkpoint: 9000, dirty });

    const { snapshot } = await (await open()).load();
    expect(canonical(snapshot!)).toEqual(canonical(engine.toJSON()));
  });

  it('gives the event loop turns while it writes a catch-up commit of tens of thousands of rows', async () => {
    const engine = engineOverRealisticHistory(20260308, 2_000);
    const dirty = engine.drainDirty();
    expect(dirty.buckets.length).toBeGreaterThan(20_000);
    const readModel = await open();

    const probe = probeEventLoop();
    await readModel.commit({ expectedCheckpoint: 0, checkpoint: 14_000, dirty });
    const stalls = probe.stop();

    // Written in one stretch, as SQLite once did, such a commit lets no tick through. No bound on the longest stall:
    // SQLite's COMMIT itself (the WAL's fsync and checkpoint) is one stretch in proportion to what the commit holds.
    expect(stalls.ticks).toBeGreaterThanOrEqual(1);
    const { checkpoint, snapshot } = await readModel.load();
    expect([checkpoint, snapshot?.buckets.length]).toEqual([14_000, dirty.buckets.length]);
  });

  it('keeps the last of two rows with the same key in one commit, as writing them one by one would', async () => {
    const arrived = new KpiEngine();
    arrived.apply(stored(anEvent.goodsArrived('D1', { officeId: 'O1' }, at('08:00'))));
    const lodged = new KpiEngine();
    lodged.apply(stored(anEvent.goodsArrived('D1', { officeId: 'O1' }, at('08:00'))));
    lodged.apply(stored(anEvent.declarationLodged('D1', { officeId: 'O1' }, at('09:00'))));
    const [early, late] = [arrived.drainDirty(), lodged.drainDirty()];
    const readModel = await open();

    await readModel.commit({
      expectedCheckpoint: 0,
      checkpoint: 2,
      dirty: { ...late, declarations: [...early.declarations, ...late.declarations], buckets: [...early.buckets, ...late.buckets] },
    });

    expect(canonical((await readModel.load()).snapshot!)).toEqual(canonical(lodged.toJSON()));
  });

  it('refuses a commit from a stale checkpoint, naming both, and changes nothing', async () => {
    const engine = new KpiEngine();
    const readModel = await open();
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
    await expect((await open()).commit({ expectedCheckpoint: 0, checkpoint: 0, dirty })).rejects.toThrow(RangeError);
  });

  it('lets only one of two writers from the same checkpoint commit', async () => {
    const [first, second] = [await open(), await open()];
    const dirty = new KpiEngine().drainDirty();
    await first.commit({ expectedCheckpoint: 0, checkpoint: 10, dirty });
    await expect(second.commit({ expectedCheckpoint: 0, checkpoint: 12, dirty })).rejects.toThrow(StaleCheckpointError);
    expect((await second.load()).checkpoint).toBe(10);
  });

  hotAndColdSubjectsContract(open);
  coldBucketsContract(open);
  readModelHistoryContract(open);
}
