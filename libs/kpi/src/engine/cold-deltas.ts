import { type Observation } from './observation.js';

/** An observation kept until its buckets are read back, and whether it adds or removes. */
export interface ColdDelta {
  readonly observation: Observation;
  readonly sign: 1 | -1;
}

/**
 * The observations of the events applied since the last read-back that fall before the hour horizon, in the order
 * applied: their buckets may be cold (in the read model only), and adding to an empty bucket in their place would
 * write over the stored one. They wait here, copied (the engine reuses some observation objects), until the buckets
 * are read back; then they are applied in order, so that each bucket ends as if it had been held all along.
 */
export class ColdDeltas {
  private deltas: ColdDelta[] = [];

  get size(): number {
    return this.deltas.length;
  }

  add(observation: Observation, sign: 1 | -1): void {
    const { measure, at, slices, values, sample } = observation;
    // The slices are the memoized array of slices.ts: the store's groups are found by its identity, so it is kept.
    this.deltas.push({ observation: { measure, at, slices, values: Array.from(values), sample }, sign });
  }

  /** The observations waiting, without taking them. */
  peek(): readonly ColdDelta[] {
    return this.deltas;
  }

  /** The observations waiting, in order; none wait afterwards. */
  take(): ColdDelta[] {
    const taken = this.deltas;
    this.deltas = [];
    return taken;
  }
}
