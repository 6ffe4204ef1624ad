/**
 * Reading of the envelope's `time`: an RFC 3339 timestamp with a required offset, normalized to a UTC instant.
 * Written by hand rather than with `Date.parse`, which accepts timestamps without an offset (reading them as local
 * time) and rolls impossible dates such as 2026-02-30 over into March.
 */

/** Outcome of reading a `time` attribute: the instant in epoch milliseconds, or what is wrong with it. */
export type EventTimeReading =
  | { readonly ok: true; readonly epochMs: number }
  | { readonly ok: false; readonly message: string };

// RFC 3339 `date-time`; lower-case `t` and `z` are allowed by its section 5.6.
const dateTime = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const dateTimeWithoutOffset = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?$/;

// `Date#toISOString` prints the `YYYY-MM-DDTHH:mm:ss.sssZ` form only for years 0000 to 9999, and year 0000 is no
// year of the calendars (PostgreSQL's timestamptz among them) every store must hold it in (events.md v1.1).
const earliestInstant = Date.parse('0001-01-01T00:00:00.000Z');
const latestInstant = Date.parse('9999-12-31T23:59:59.999Z');

const expectedForm = 'must be an RFC 3339 timestamp with offset, such as 2026-03-01T08:30:00Z';

function daysInMonth(year: number, month: number): number {
  // The Gregorian calendar repeats every 400 years, which keeps Date.UTC away from its two-digit-year quirk.
  return new Date(Date.UTC(2000 + (year % 400), month, 0)).getUTCDate();
}

/** Reads `value` as an event time; fractional seconds beyond milliseconds are truncated. */
export function readEventTime(value: unknown): EventTimeReading {
  if (typeof value !== 'string') return { ok: false, message: expectedForm };
  const parts = dateTime.exec(value);
  if (parts === null) {
    const message = dateTimeWithoutOffset.test(value) ? 'must include an offset (Z or ±hh:mm)' : expectedForm;
    return { ok: false, message };
  }
  const field = (index: number): number => Number(parts[index]);
  const [year, month, day, hour, minute, second] = [field(1), field(2), field(3), field(4), field(5), field(6)];
  const fraction = parts[7];
  const offsetSign = parts[8];
  const [offsetHour, offsetMinute] = [field(9), field(10)];

  const realInstant =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    // A leap second (:60) has no JavaScript Date; refusing it is rarer trouble than silently moving the event.
    second <= 59 &&
    (offsetSign === undefined || (offsetHour <= 23 && offsetMinute <= 59));
  if (!realInstant) return { ok: false, message: 'must be a real calendar date and time' };

  const milliseconds = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute, second, milliseconds));
  // Date.UTC reads the years 0 to 99 as 1900 to 1999.
  if (year < 100) instant.setUTCFullYear(year);
  const offsetMinutes = offsetSign === undefined ? 0 : (offsetSign === '-' ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  const epochMs = instant.getTime() - offsetMinutes * 60_000;
  if (epochMs < earliestInstant || epochMs > latestInstant) {
    return { ok: false, message: 'must lie between the years 0001 and 9999 in UTC' };
  }
  return { ok: true, epochMs };
}
