import { EVERY_PART, wellFormed, withoutNul, type StoreLimits } from '../../store-limits.js';

/** Times as `EVENT_SELECT` writes them back: exactly what `Date#toISOString` writes for the years 0001 to 9999. */
const ISO_TIME = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * What the PostgreSQL event store cannot hold byte for byte: its text and json types have no U+0000 and take only
 * UTF-8, which has no form for an unpaired surrogate (everything goes in as one JSON document, which the server
 * refuses whole for either); and `time` is a timestamptz, read back in the form of years 0001 to 9999 with
 * milliseconds, so a time outside that (year 0000, +010000) or written otherwise would fail or come back changed.
 */
export const POSTGRES_LIMITS: StoreLimits = {
  text: [
    { in: EVERY_PART, rule: withoutNul('which PostgreSQL text and JSON cannot hold') },
    { in: EVERY_PART, rule: wellFormed('which PostgreSQL, holding UTF-8 only, cannot hold') },
  ],
  time: (time) => {
    const year = ISO_TIME.exec(time)?.[1];
    if (year === undefined || Number.isNaN(Date.parse(time)) || new Date(time).toISOString() !== time) {
      return 'is not a UTC time of the years 0001 to 9999 written YYYY-MM-DDTHH:mm:ss.sssZ, the only form PostgreSQL gives back as it was given';
    }
    return year === '0000' ? 'falls in the year 0000, which a PostgreSQL timestamptz cannot hold' : undefined;
  },
};
