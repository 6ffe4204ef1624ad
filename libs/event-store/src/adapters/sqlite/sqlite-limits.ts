import { wellFormed, type StoreLimits } from '../../store-limits.js';

/**
 * What the SQLite event store cannot hold byte for byte. Its TEXT columns (stream and attributes) are bound as UTF-8,
 * and the driver writes an unpaired surrogate as U+FFFD: stored altered, the event would later fail verification, a
 * false tamper alarm. `data` and `extensions` are stored as JSON text, which escapes such a surrogate, and NUL is
 * kept in either form.
 */
export const SQLITE_LIMITS: StoreLimits = {
  text: [
    {
      in: ['stream', 'id', 'source', 'type', 'subject', 'time'],
      rule: wellFormed('which SQLite would store as U+FFFD'),
    },
  ],
};
