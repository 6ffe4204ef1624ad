/** Where a run of counters lives: from `offset` in `array`, which other runs may share. */
export interface CounterSlot {
  readonly array: Float64Array;
  readonly offset: number;
}

/**
 * Counters of many buckets in a few large arrays instead of one small typed array each: a small typed array costs a
 * typed array object, an array buffer object and its store, about 200 bytes for 40 bytes of counters, and the
 * collector copies and scans every one of them; a large array's store lies outside the collected heap. Runs are
 * handed out in order and never move, so a slot stays valid for as long as its holder keeps it.
 */
export class CounterArena {
  private readonly chunks: Float64Array[];
  private chunk = 0;
  private used = 0;

  /** @param chunkLength - counters per array; a run never spans two. */
  constructor(private readonly chunkLength: number) {
    this.chunks = [new Float64Array(chunkLength)];
  }

  /** `length` counters, all 0. */
  take(length: number): CounterSlot {
    if (this.used + length > this.chunkLength) {
      this.chunk += 1;
      this.used = 0;
      if (this.chunk === this.chunks.length) this.chunks.push(new Float64Array(this.chunkLength));
    }
    const slot = { array: this.chunks[this.chunk]!, offset: this.used };
    this.used += length;
    return slot;
  }

  /** Sets every counter handed out back to 0 and hands them out again from the start: for deltas once applied. */
  clear(): void {
    for (let index = 0; index <= this.chunk; index += 1) this.chunks[index]!.fill(0, 0, index === this.chunk ? this.used : this.chunkLength);
    this.chunk = 0;
    this.used = 0;
  }
}
