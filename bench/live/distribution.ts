/** Percentiles of a set of latencies, in ms. */
export interface Distribution {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export const EMPTY: Distribution = { count: 0, p50: Number.NaN, p99: Number.NaN, max: Number.NaN };

/** Nearest-rank percentiles of `values` (NaN when there are none). */
export function distributionOf(values: readonly number[] | Float64Array): Distribution {
  if (values.length === 0) return EMPTY;
  const sorted = Float64Array.from(values).sort();
  const rank = (percentile: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((percentile / 100) * sorted.length) - 1)]!;
  return { count: sorted.length, p50: rank(50), p99: rank(99), max: sorted[sorted.length - 1]! };
}

/** Index of the first element of the non-decreasing `sorted` that is >= `value`; `sorted.length` if none. */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A growable array of latencies that is cheap for millions of samples. */
export class Samples {
  private values = new Float64Array(1_024);
  private size = 0;

  add(value: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size++] = value;
  }

  get length(): number {
    return this.size;
  }

  distribution(): Distribution {
    return distributionOf(this.values.subarray(0, this.size));
  }
}
