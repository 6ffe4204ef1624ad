/** Where a run of counters lives: from `offset` in `array`, which other runs may share. */
export interface CounterSlot {
  readonly array: Float64Array;
  readonly offset: number;
}

/**
 * Counters of many buckets in a few large arrays instead of one small typed array each: a small typed array costs a
 * typed array object, an array buffer object and its store, about 200 bytes for 40 bytes of counters, and the
 * collector copies and scans every one of them; a large array's store lies outside the collected heap. Runs are
 * handed out in order and never move, so a slot stays valid for as long as its holder keeps it. A run given back is
 * handed out again before new room is taken, so that an engine that lets old buckets go stays the same size.
 */
export class CounterArena {
  private readonly chunks: Float64Array[];
  private chunk = 0;
  private used = 0;
  /** Runs given back, by length: a measure has at most eight counters, so few lengths ever occur. */
  private readonly free = new Map<number, CounterSlot[]>();

  /** @param chunkLength - counters per array; a run never spans two. */
  constructor(private readonly chunkLength: number) {
    this.chunks = [new Float64Array(chunkLength)];
  }

  /** `length` counters, all 0. */
  take(length: number): CounterSlot {
    const reused = this.free.get(length)?.pop();
    if (reused !== undefined) {
      reused.array.fill(0, reused.offset, reused.offset + length);
      return reused;
    }
    if (this.used + length > this.chunkLength) {
      this.chunk += 1;
      this.used = 0;
      if (this.chunk === this.chunks.length) this.chunks.push(new Float64Array(this.chunkLength));
    }
    const slot = { array: this.chunks[this.chunk]!, offset: this.used };
    this.used += length;
    return slot;
  }

  /** Gives back a run of `length` counters taken from this arena, which its holder no longer reads. */
  giveBack(slot: CounterSlot, length: number): void {
    let runs = this.free.get(length);
    if (runs === undefined) {
      runs = [];
      this.free.set(length, runs);
    }
    runs.push(slot);
  }

  /** Sets every counter handed out back to 0 and hands them out again from the start: for deltas once applied. */
  clear(): void {
    for (let index = 0; index <= this.chunk; index += 1) this.chunks[index]!.fill(0, 0, index === this.chunk ? this.used : this.chunkLength);
    this.chunk = 0;
    this.used = 0;
    this.free.clear();
  }
}
