/**
 * The float nearest to the exact quotient of two integers (ties to even), for sums beyond 2^53 where float division
 * of rounded operands would round twice. Not on any hot path: a KPI is read this way only once a counter has left
 * the safe integers.
 */

/** Quotient bits computed: more than the 53 of a float plus a rounding bit, so that a sticky bit decides ties. */
const QUOTIENT_BITS = 64n;

/** `numerator / denominator`, rounded once; the denominator is not 0. */
export function nearestRatio(numerator: bigint, denominator: bigint): number {
  if (denominator === 0n) throw new RangeError('nearestRatio over 0');
  const negative = numerator < 0n !== denominator < 0n;
  const top = numerator < 0n ? -numerator : numerator;
  const bottom = denominator < 0n ? -denominator : denominator;
  if (top === 0n) return 0;
  // Scale so that the integer quotient has at least QUOTIENT_BITS bits, then fold any remainder into its lowest bit:
  // the conversion to a float then rounds exactly as the exact quotient would.
  const shift = QUOTIENT_BITS + bitLength(bottom) - bitLength(top);
  const scaledTop = shift > 0n ? top << shift : top;
  const scaledBottom = shift < 0n ? bottom << -shift : bottom;
  let quotient = scaledTop / scaledBottom;
  if (quotient * scaledBottom !== scaledTop) quotient |= 1n;
  // A power of two scales a float exactly (the quotients of KPIs stay far from the subnormal range).
  const magnitude = Number(quotient) * 2 ** -Number(shift);
  return negative ? -magnitude : magnitude;
}

function bitLength(value: bigint): bigint {
  return BigInt(value.toString(2).length);
}
