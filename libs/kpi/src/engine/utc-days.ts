// UTC days as requests write them: strategic targets' baselines and deadlines, and report periods.

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIDNIGHT_INSTANT = /^\d{4}-\d{2}-\d{2}T00:00:00(\.0+)?(Z|[+-]00:00)$/i;

/** Epoch milliseconds of a real calendar date written `YYYY-MM-DD` (00:00Z of it), or `undefined`. */
export function plainDateMs(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = PLAIN_DATE.exec(text);
  if (match === null) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 2026-02-30 over into March: a date that does not round-trip is not a date.
  return new Date(ms).toISOString().slice(0, 10) === text ? ms : undefined;
}

/**
 * Epoch milliseconds of a UTC midnight, written as a plain date (`2026-01-01`) or as an RFC 3339 instant at 00:00 UTC
 * (`2026-01-01T00:00:00.000Z`), as the series queries write bucket starts; `undefined` for anything else.
 */
export function utcMidnightMs(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const plain = plainDateMs(text);
  if (plain !== undefined) return plain;
  if (!MIDNIGHT_INSTANT.test(text)) return undefined;
  return plainDateMs(text.slice(0, 10));
}

/** `YYYY-MM-DDT00:00:00.000Z` of a midnight. */
export function midnightIso(ms: number): string {
  return new Date(ms).toISOString();
}
