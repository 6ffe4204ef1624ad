/** Products this close to an integer, relative to their size, are taken as that integer. */
const INTEGER_TOLERANCE = 4 * Number.EPSILON;

/**
 * The 1-based rank ceil(p·n) of the nearest-rank percentile (kpis.md), within [1, n].
 *
 * p·n is computed in binary floating point, where a product that is an integer in decimal can land a few ulps above it
 * (0.07 × 100 gives 7.000000000000001) and a plain `Math.ceil` would skip to the next rank. A genuine fraction of a
 * decimal p with up to six digits is orders of magnitude larger than that tolerance for any realistic n.
 */
export function nearestRank(p: number, n: number): number {
  const product = p * n;
  const nearest = Math.round(product);
  const rank = Math.abs(product - nearest) <= INTEGER_TOLERANCE * product ? nearest : Math.ceil(product);
  return Math.min(n, Math.max(1, rank));
}
