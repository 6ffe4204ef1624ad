import { type GenerationStorage } from './generation-storage.js';
import { type KpiReadModelGeneration, type KpiReadModelGenerations } from './read-model-generations.port.js';

/**
 * What every adapter of {@link KpiReadModelGenerations} does the same way, over its {@link GenerationStorage}:
 * numbering, the generations handed out by this process, deleting leftovers and older generations. Calls run one at
 * a time, so that two `fresh()` never take the same number.
 */
export class GenerationLifecycle implements KpiReadModelGenerations {
  private readonly handedOut = new Map<number, KpiReadModelGeneration>();
  /** The call running last; settles, never rejects. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  protected constructor(private readonly storage: GenerationStorage) {}

  active(): Promise<KpiReadModelGeneration> {
    return this.serially(async () => {
      const active = await this.storage.activeGeneration();
      // Only this process writes here (the lease): a generation it did not hand out is a crashed rebuild's.
      for (const generation of await this.storage.storedGenerations()) {
        if (generation !== active && !this.handedOut.has(generation)) await this.storage.deleteGeneration(generation);
      }
      if (active === null) {
        const first = await this.handOut(await this.nextGeneration());
        await this.storage.setActiveGeneration(first.generation);
        return first;
      }
      return this.handedOut.get(active) ?? this.handOut(active);
    });
  }

  fresh(): Promise<KpiReadModelGeneration> {
    return this.serially(async () => this.handOut(await this.nextGeneration()));
  }

  activate(generation: number): Promise<void> {
    return this.serially(async () => {
      if (!this.handedOut.has(generation)) {
        throw new RangeError(`KPI read model generation ${generation} was not made by fresh() or active() in ${this.storage.where}`);
      }
      await this.storage.setActiveGeneration(generation);
      // From here on the switch stands: should a deletion fail, this rejects, and the next active() deletes the rest.
      for (const [older, { readModel }] of this.handedOut) {
        if (older >= generation) continue;
        await readModel.close();
        this.handedOut.delete(older);
      }
      for (const older of await this.storage.storedGenerations()) {
        if (older < generation) await this.storage.deleteGeneration(older);
      }
    });
  }

  close(): Promise<void> {
    return this.serially(async () => {
      if (this.closed) return;
      this.closed = true;
      try {
        for (const { readModel } of this.handedOut.values()) await readModel.close();
      } finally {
        this.handedOut.clear();
        await this.storage.release();
      }
    }, { evenWhenClosed: true });
  }

  /** A number after every generation stored, active or handed out. */
  private async nextGeneration(): Promise<number> {
    const active = (await this.storage.activeGeneration()) ?? 0;
    return Math.max(active, ...(await this.storage.storedGenerations()), ...this.handedOut.keys()) + 1;
  }

  private async handOut(generation: number): Promise<KpiReadModelGeneration> {
    const handedOut = { generation, readModel: await this.storage.openGeneration(generation) };
    this.handedOut.set(generation, handedOut);
    return handedOut;
  }

  private serially<T>(operation: () => Promise<T>, { evenWhenClosed = false } = {}): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.closed && !evenWhenClosed) throw new Error(`the KPI read model generations in ${this.storage.where} are closed`);
      return operation();
    };
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
