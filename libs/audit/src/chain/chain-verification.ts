import type { Position } from '@customs-pulse/event-store';

/**
 * The first link of the hash chain that does not hold (api.md, `GET /api/audit/verify`). `expected` and `found` are
 * hashes when a stored hash disagrees with the one recomputed from the stored fields, or with an anchor; when the log
 * itself is wrong at `position` they describe it instead (see {@link brokenLinks}).
 */
export interface BrokenLink {
  readonly position: Position;
  readonly expected: string;
  readonly found: string;
}

/** What a walk of the hash chain found: the answer of `GET /api/audit/verify`, field for field. */
export interface ChainVerification {
  /** True when every link of the range holds. */
  readonly ok: boolean;
  /** Links found intact, in position order from the start of the range, before the first broken one. */
  readonly checked: number;
  readonly firstBroken?: BrokenLink;
}

/**
 * A link an auditor noted earlier, e.g. the head printed by `npm run audit:verify`: the stored hash at `position`
 * must still be `hash`. The chain alone cannot tell a rewritten history whose hashes were all recomputed, or a log
 * whose last events were removed, from a genuine one; a link kept outside the store can.
 */
export interface ChainAnchor {
  readonly position: Position;
  readonly hash: string;
}

/** Which part of the log to verify, and against what. */
export interface VerifyChainOptions {
  /**
   * First position whose link is verified. From a later position, the stored hash just before it is taken as
   * given, unless `anchor` names that link.
   * @defaultValue 1, the first event, which links to `GENESIS_HASH`
   */
  readonly from?: Position;
  /**
   * Last position verified: every position up to it must be stored. Events appended while the walk runs are left
   * for the next verification.
   * @defaultValue the head when the walk starts, or the anchor's position if that is later
   */
  readonly to?: Position;
  /** A link noted earlier; its position lies in `[from - 1, to]`. */
  readonly anchor?: ChainAnchor;
  /** Events read per page: memory holds about two pages, never the whole log. @defaultValue 1000 */
  readonly pageSize?: number;
}
