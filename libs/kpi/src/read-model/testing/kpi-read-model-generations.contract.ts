import { afterEach, beforeEach, expect, it } from '@jest/globals';

import { KpiEngine } from '../../engine/kpi-engine.js';
import { KpiProjectionLeaseHeldError, type KpiReadModelGenerations } from '../read-model-generations.port.js';
import { type KpiReadModel } from '../read-model.port.js';

/** Where one test's generations live: each `open` takes the lease anew on the same place, empty when the test starts. */
export interface KpiReadModelGenerationsSite {
  open(): Promise<KpiReadModelGenerations>;
  /** Numbers of the generations present in storage, as the adapter itself would not tell: files, schemas. */
  storedGenerations(): Promise<number[]>;
  /** Deletes the place, once every adapter opened on it is closed. */
  dispose?(): Promise<void>;
}

/** Commits an empty drain that moves `readModel`'s checkpoint from 0 to `checkpoint`: a mark to recognise it by. */
async function mark(readModel: KpiReadModel, checkpoint: number): Promise<void> {
  await readModel.commit({ expectedCheckpoint: 0, checkpoint, dirty: new KpiEngine().drainDirty() });
}

const checkpointOf = async (readModel: KpiReadModel): Promise<number> => (await readModel.load()).checkpoint;

/**
 * The behaviour every {@link KpiReadModelGenerations} adapter must have (read-model-generations.port.ts). Each
 * adapter's int-spec calls this with a way to make an empty place per test, and adds what is specific to it (the
 * lease across processes, a crashed holder).
 */
export function kpiReadModelGenerationsContract(
  newSite: () => Promise<KpiReadModelGenerationsSite> | KpiReadModelGenerationsSite,
): void {
  let site: KpiReadModelGenerationsSite;
  const opened: KpiReadModelGenerations[] = [];
  const open = async (): Promise<KpiReadModelGenerations> => {
    const generations = await site.open();
    opened.push(generations);
    return generations;
  };
  /** Closes `generations` now, as a process that ends (or crashes: nothing is activated on close) would. */
  const end = async (generations: KpiReadModelGenerations): Promise<void> => {
    await generations.close();
    opened.splice(opened.indexOf(generations), 1);
  };

  beforeEach(async () => {
    site = await newSite();
  });

  afterEach(async () => {
    for (const generations of opened.splice(0)) await generations.close();
    await site.dispose?.();
  });

  it('makes an empty generation 1 active on first open, and finds it again on the next', async () => {
    const generations = await open();
    const first = await generations.active();
    expect(first.generation).toBe(1);
    expect(await first.readModel.load()).toEqual({ checkpoint: 0, snapshot: null });
    expect(await site.storedGenerations()).toEqual([1]);
    await mark(first.readModel, 3);
    await end(generations);

    const again = await (await open()).active();
    expect(again.generation).toBe(1);
    expect(await checkpointOf(again.readModel)).toBe(3);
  });

  it('numbers a fresh generation after every other, empty, and leaves the active one active', async () => {
    const generations = await open();
    await mark((await generations.active()).readModel, 3);

    const fresh = await generations.fresh();
    const fresher = await generations.fresh();

    expect([fresh.generation, fresher.generation]).toEqual([2, 3]);
    expect(await fresh.readModel.load()).toEqual({ checkpoint: 0, snapshot: null });
    const active = await generations.active();
    expect(active.generation).toBe(1);
    expect(await checkpointOf(active.readModel)).toBe(3);
    expect(await site.storedGenerations()).toEqual([1, 2, 3]);
  });

  it('activates a fresh generation for this and the next open, and deletes the older ones', async () => {
    const generations = await open();
    const old = await generations.active();
    await mark(old.readModel, 3);
    const rebuilt = await generations.fresh();
    await mark(rebuilt.readModel, 5);
    await old.readModel.close();

    await generations.activate(rebuilt.generation);

    expect(await site.storedGenerations()).toEqual([2]);
    expect((await generations.active()).generation).toBe(2);
    await end(generations);
    const next = await (await open()).active();
    expect(next.generation).toBe(2);
    expect(await checkpointOf(next.readModel)).toBe(5);
  });

  it('deletes, on the next open, the fresh generation a crashed rebuild left behind', async () => {
    const crashed = await open();
    await mark((await crashed.active()).readModel, 3);
    await mark((await crashed.fresh()).readModel, 9);
    await end(crashed);
    expect(await site.storedGenerations()).toEqual([1, 2]);

    const generations = await open();
    const active = await generations.active();

    expect(active.generation).toBe(1);
    expect(await checkpointOf(active.readModel)).toBe(3);
    expect(await site.storedGenerations()).toEqual([1]);
    expect(await checkpointOf((await generations.fresh()).readModel)).toBe(0);
  });

  it('refuses a second open while the first holds the lease, and leaves the first undisturbed', async () => {
    const earlier = await open();
    await mark((await earlier.active()).readModel, 3);
    await earlier.fresh();
    await end(earlier);
    // Holding the lease must not wait for a first write: this one only opens.
    const first = await open();

    await expect(open()).rejects.toBeInstanceOf(KpiProjectionLeaseHeldError);

    expect(await site.storedGenerations()).toEqual([1, 2]);
    expect(await checkpointOf((await first.active()).readModel)).toBe(3);
  });

  it('lets the lease be taken again once the holder closed, and closes the read models it handed out', async () => {
    const first = await open();
    const { readModel } = await first.active();
    await end(first);

    await expect(readModel.load()).rejects.toThrow();
    await expect(open()).resolves.toBeDefined();
  });

  it('refuses to activate a generation it did not hand out, even one in storage', async () => {
    const crashed = await open();
    await crashed.active();
    await crashed.fresh();
    await end(crashed);
    const generations = await open();

    await expect(generations.activate(7)).rejects.toThrow(RangeError);
    await expect(generations.activate(2)).rejects.toThrow(RangeError);

    expect((await generations.active()).generation).toBe(1);
  });
}
