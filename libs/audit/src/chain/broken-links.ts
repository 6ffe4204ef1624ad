import type { Position, RecordedEvent } from '@customs-pulse/event-store';

import type { BrokenLink } from './chain-verification.js';

/**
 * The ways a link can break, each with what it puts in `expected` and `found`, so that every report of one kind
 * reads the same (README, "Audit").
 */
export const brokenLinks = {
  /** The stored hash is not the one recomputed from the previous link and the stored fields. */
  hashMismatch: (position: Position, recomputed: string, stored: string): BrokenLink => ({ position, expected: recomputed, found: stored }),

  /** Position `position` is not where the log continues: removed, or the positions after it were renumbered. */
  missingPosition: (position: Position, next: RecordedEvent | undefined): BrokenLink => ({
    position,
    expected: `position ${position}`,
    found: next === undefined ? 'end of log' : `position ${next.position}`,
  }),

  /** The stored hash at an anchored position is not the one the auditor noted. */
  anchorMismatch: (position: Position, noted: string, stored: string): BrokenLink => ({ position, expected: noted, found: stored }),

  /** The stored fields at `position` cannot be read back, or have no canonical JSON to hash. */
  unreadable: (position: Position, reason: string): BrokenLink => ({
    position,
    expected: 'a stored event that can be read and hashed',
    found: `unreadable: ${reason}`,
  }),
} as const;
