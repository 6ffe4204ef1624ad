/**
 * Log-bucketing of positive values, after DDSketch (Masson, Rim and Lee, VLDB 2019): with γ = (1 + α) / (1 − α),
 * bucket `i` holds the values in (γ^(i−1), γ^i] and answers for them with 2γ^i / (γ + 1), which lies within a relative
 * α of every value the bucket holds. The index depends only on the value, so sketches built from the same observations
 * in any order, or merged from parts, hold identical buckets.
 */

/**
 * α, the relative accuracy of a quantile estimate. kpis.md allows 1%; half of it leaves a wide margin over the float
 * error of the logarithm at bucket edges, for about 230 buckets per decade of values.
 */
export const QUANTILE_RELATIVE_ACCURACY = 0.005;

/**
 * Values below this count as zero. Durations are differences of millisecond timestamps, so the smallest positive one
 * is 1 ms (2.8e-7 h): every real observation lies above it and keeps the α guarantee.
 */
export const MIN_INDEXABLE_VALUE = 1e-9;

const GAMMA = (1 + QUANTILE_RELATIVE_ACCURACY) / (1 - QUANTILE_RELATIVE_ACCURACY);
const INVERSE_LOG_GAMMA = 1 / Math.log(GAMMA);
const REPRESENTATIVE_FACTOR = 2 / (GAMMA + 1);

/** The bucket holding `value`, ceil(log_γ value); `value` must be at least {@link MIN_INDEXABLE_VALUE}. */
export function bucketIndexOf(value: number): number {
  return Math.ceil(Math.log(value) * INVERSE_LOG_GAMMA);
}

/** The value bucket `index` answers with, 2γ^index / (γ + 1). */
export function bucketRepresentative(index: number): number {
  return Math.pow(GAMMA, index) * REPRESENTATIVE_FACTOR;
}
