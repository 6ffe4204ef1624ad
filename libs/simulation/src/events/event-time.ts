const MINUTE = 60_000;

/**
 * `epochMs` as an RFC 3339 timestamp with milliseconds at the given UTC offset, e.g. `2026-03-01T13:00:00.000+05:00`
 * for 08:00 UTC at +300 minutes; `Z` at offset 0.
 */
export function rfc3339At(epochMs: number, utcOffsetMinutes: number): string {
  if (utcOffsetMinutes === 0) return new Date(epochMs).toISOString();
  const local = new Date(epochMs + utcOffsetMinutes * MINUTE).toISOString().slice(0, -1);
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const offset = Math.abs(utcOffsetMinutes);
  return `${local}${sign}${String(Math.floor(offset / 60)).padStart(2, '0')}:${String(offset % 60).padStart(2, '0')}`;
}
