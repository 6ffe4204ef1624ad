import { type SeededRandom } from './seeded-random.js';

/** Relative weights of the values of a closed vocabulary, e.g. `{ GREEN: 75, YELLOW: 15, RED: 8, BLUE: 2 }`. */
export type Weights<T extends string> = { readonly [K in T]?: number };

/** One value of `weights`, drawn with probability proportional to its weight. */
export function drawWeighted<T extends string>(random: SeededRandom, weights: Weights<T>): T {
  const entries = Object.entries(weights) as [T, number][];
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let target = random.next() * total;
  for (const [value, weight] of entries) {
    target -= weight;
    if (target < 0) return value;
  }
  return entries.at(-1)![0];
}

/** A long list drawn from many times (traders, offices): cumulative weights, so that each draw is a binary search. */
export class WeightedTable<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    private readonly values: readonly T[],
    weightOf: (value: T) => number,
  ) {
    let sum = 0;
    for (const value of values) {
      sum += weightOf(value);
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  draw(random: SeededRandom): T {
    const target = random.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return this.values[low]!;
  }
}
