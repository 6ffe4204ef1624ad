import { describe, expect, it } from '@jest/globals';

import { readEventTime } from './event-time.js';

function normalized(time: string): string | undefined {
  const reading = readEventTime(time);
  return reading.ok ? new Date(reading.epochMs).toISOString() : undefined;
}

describe('readEventTime', () => {
  it.each([
    ['2026-03-01T08:30:00Z', '2026-03-01T08:30:00.000Z'],
    ['2026-03-01T08:30:00+05:00', '2026-03-01T03:30:00.000Z'],
    ['2026-03-01T01:30:00-03:30', '2026-03-01T05:00:00.000Z'],
    ['2026-03-01T00:30:00+05:00', '2026-02-28T19:30:00.000Z'],
    ['2026-03-01T08:30:00-00:00', '2026-03-01T08:30:00.000Z'],
    ['2026-03-01t08:30:00z', '2026-03-01T08:30:00.000Z'],
    ['2026-03-01T08:30:00.5Z', '2026-03-01T08:30:00.500Z'],
    ['2026-03-01T08:30:00.123Z', '2026-03-01T08:30:00.123Z'],
    ['2026-03-01T08:30:00.123999Z', '2026-03-01T08:30:00.123Z'],
    ['2028-02-29T12:00:00Z', '2028-02-29T12:00:00.000Z'],
    ['2000-02-29T12:00:00Z', '2000-02-29T12:00:00.000Z'],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
    ['0001-01-01T00:30:00+00:30', '0001-01-01T00:00:00.000Z'],
  ])('reads %s as the UTC instant %s', (time, expected) => {
    expect(normalized(time)).toBe(expected);
  });

  it.each([
    ['2026-03-01T08:30:00', 'must include an offset (Z or ±hh:mm)'],
    ['2026-03-01T08:30:00.250', 'must include an offset (Z or ±hh:mm)'],
    ['2026-02-30T08:30:00Z', 'must be a real calendar date and time'],
    ['2026-02-29T08:30:00Z', 'must be a real calendar date and time'],
    ['2100-02-29T08:30:00Z', 'must be a real calendar date and time'],
    ['2026-13-01T08:30:00Z', 'must be a real calendar date and time'],
    ['2026-00-10T08:30:00Z', 'must be a real calendar date and time'],
    ['2026-04-31T08:30:00Z', 'must be a real calendar date and time'],
    ['2026-03-01T24:00:00Z', 'must be a real calendar date and time'],
    ['2026-03-01T08:60:00Z', 'must be a real calendar date and time'],
    ['2026-12-31T23:59:60Z', 'must be a real calendar date and time'],
    ['2026-03-01T08:30:00+24:00', 'must be a real calendar date and time'],
    ['2026-03-01T08:30:00+05:60', 'must be a real calendar date and time'],
    ['0000-06-01T00:00:00Z', 'must lie between the years 0001 and 9999 in UTC'],
    ['0001-01-01T00:30:00+01:00', 'must lie between the years 0001 and 9999 in UTC'],
    ['9999-12-31T23:30:00-01:00', 'must lie between the years 0001 and 9999 in UTC'],
  ])('refuses %s: %s', (time, message) => {
    expect(readEventTime(time)).toEqual({ ok: false, message });
  });

  it.each([
    ['a date without a time', '2026-03-01'],
    ['a space instead of T', '2026-03-01 08:30:00Z'],
    ['an offset without a colon', '2026-03-01T08:30:00+0500'],
    ['a time without seconds', '2026-03-01T08:30Z'],
    ['a bare fraction point', '2026-03-01T08:30:00.Z'],
    ['epoch milliseconds as text', '1772353800000'],
    ['an empty string', ''],
  ])('refuses %s as not RFC 3339', (_what, time) => {
    expect(readEventTime(time)).toEqual({
      ok: false,
      message: 'must be an RFC 3339 timestamp with offset, such as 2026-03-01T08:30:00Z',
    });
  });

  it.each([[1772353800000], [null], [new Date('2026-03-01T08:30:00Z')]])('refuses the non-string %p', (time) => {
    expect(readEventTime(time)).toMatchObject({ ok: false });
  });
});
