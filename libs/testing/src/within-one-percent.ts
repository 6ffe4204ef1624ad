/**
 * Stands, inside `toEqual`, for a percentile within 1% of `expected`, as kpis.md allows the sketches; 0 exactly, as
 * they keep it. An asymmetric matcher: jest calls its `asymmetricMatch`.
 */
export function withinOnePercentOf(expected: number): { asymmetricMatch(actual: unknown): boolean; toString(): string } {
  return {
    asymmetricMatch: (actual) => typeof actual === 'number' && (expected === 0 ? actual === 0 : Math.abs(actual - expected) <= Math.abs(expected) * 0.01),
    toString: () => `within 1% of ${expected}`,
  };
}
