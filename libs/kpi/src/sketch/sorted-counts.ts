/**
 * Counts by integer index, as two arrays in ascending index order: the log buckets of a sketch or of a delta. Against
 * a `Map`: no hashing, about half the memory for the few buckets most sketches hold, and the ascending order that
 * quantiles and the persisted form read, which a map's keys had to be sorted for on every drain. An entry whose count
 * comes to 0 is dropped, so equal contents mean equal arrays.
 */
export class SortedCounts {
  private indexes: number[] = [];
  private counts: number[] = [];

  /** Entries held. */
  get size(): number {
    return this.indexes.length;
  }

  /** The index of the entry at `position` (0 is the lowest index). */
  indexAt(position: number): number {
    return this.indexes[position]!;
  }

  /** The count of the entry at `position`. */
  countAt(position: number): number {
    return this.counts[position]!;
  }

  /** The entries, ascending by index: the arrays themselves, to read and not to keep. */
  ascending(): { readonly indexes: readonly number[]; readonly counts: readonly number[] } {
    return { indexes: this.indexes, counts: this.counts };
  }

  /** The count at `index`, 0 when there is none. */
  get(index: number): number {
    const position = this.positionOf(index);
    return position >= 0 ? this.counts[position]! : 0;
  }

  /** Adds `count` (negative to take away) to the count at `index`. */
  add(index: number, count: number): void {
    const position = this.positionOf(index);
    if (position < 0) {
      if (count === 0) return;
      const at = -position - 1;
      this.indexes.splice(at, 0, index);
      this.counts.splice(at, 0, count);
      return;
    }
    const sum = this.counts[position]! + count;
    if (sum !== 0) {
      this.counts[position] = sum;
      return;
    }
    this.indexes.splice(position, 1);
    this.counts.splice(position, 1);
  }

  /** Adds every count of `other` (which may be this) to the counts here. */
  addAll(other: SortedCounts): void {
    // A few entries go in one by one; more, in one pass over both lists.
    if (other !== this && other.size * 8 <= this.size) {
      for (let position = 0; position < other.size; position += 1) this.add(other.indexes[position]!, other.counts[position]!);
      return;
    }
    const indexes: number[] = [];
    const counts: number[] = [];
    const keep = (index: number, count: number): void => {
      if (count === 0) return;
      indexes.push(index);
      counts.push(count);
    };
    let mine = 0;
    let theirs = 0;
    while (mine < this.size || theirs < other.size) {
      const a = mine < this.size ? this.indexes[mine]! : Number.POSITIVE_INFINITY;
      const b = theirs < other.size ? other.indexes[theirs]! : Number.POSITIVE_INFINITY;
      if (a < b) keep(a, this.counts[mine++]!);
      else if (b < a) keep(b, other.counts[theirs++]!);
      else keep(a, this.counts[mine++]! + other.counts[theirs++]!);
    }
    this.indexes = indexes;
    this.counts = counts;
  }

  /** Forgets every entry. */
  clear(): void {
    this.indexes = [];
    this.counts = [];
  }

  /** An independent copy. */
  clone(): SortedCounts {
    const copy = new SortedCounts();
    copy.indexes = this.indexes.slice();
    copy.counts = this.counts.slice();
    return copy;
  }

  /** Counts from entries already in ascending, distinct index order, none of them 0 (a decoded sketch). */
  static fromAscending(indexes: readonly number[], counts: readonly number[]): SortedCounts {
    const sorted = new SortedCounts();
    sorted.indexes = indexes.slice();
    sorted.counts = counts.slice();
    return sorted;
  }

  /** The position of `index`, or -(the position it would be inserted at) - 1 when absent. */
  private positionOf(index: number): number {
    const { indexes } = this;
    let low = 0;
    let high = indexes.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = indexes[middle]!;
      if (found < index) low = middle + 1;
      else if (found > index) high = middle - 1;
      else return middle;
    }
    return -low - 1;
  }
}
