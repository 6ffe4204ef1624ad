import { chainHash, EventLoopTurns, GENESIS_HASH, type Position, type RecordedEvent } from '@customs-pulse/event-store';

import { brokenLinks } from './broken-links.js';
import type { BrokenLink, ChainAnchor, ChainVerification, VerifyChainOptions } from './chain-verification.js';
import { logPages, type ReadableLog, UnreadableEventError } from './log-pages.js';
import { VerificationRangeError } from './verification-range-error.js';

const DEFAULT_PAGE_SIZE = 1000;

/**
 * Walks the hash chain (architecture.md, guarantee 6) and names its first broken link. Each event's link is
 * recomputed with `chainHash`, the definition the store appends with, from the previous stored hash and the stored
 * fields, none of them trusted: position, stream, revision, source, id, type, subject, time, data, extensions and
 * recordedAt. Positions must run on without a hole, so a removed event breaks the chain where it was even when the
 * hashes after it were recomputed. The log is read in pages, never held whole.
 *
 * @throws VerificationRangeError when `options` describe no part of the log.
 */
export async function verifyChain(log: ReadableLog, options: VerifyChainOptions = {}): Promise<ChainVerification> {
  const { from = 1, anchor, pageSize = DEFAULT_PAGE_SIZE } = options;
  const head = options.to === undefined ? (await log.head()).position : undefined;
  const to = options.to ?? Math.max(head!, anchor?.position ?? 0);
  checkOptions(from, to, head, anchor, pageSize);

  let checked = 0;
  const broken = (firstBroken: BrokenLink): ChainVerification => ({ ok: false, checked, firstBroken });

  const start = await linkBefore(log, from);
  if (typeof start !== 'string') return broken(start);
  if (anchor?.position === from - 1 && anchor.hash !== start) return broken(brokenLinks.anchorMismatch(from - 1, anchor.hash, start));

  let previous = start;
  let position = from;
  // SQLite reads synchronously, and hashing a page takes longer than a slice: without turns of the event loop, a walk
  // of millions of events would hold up every request and the projector of a running app until it ends.
  const turns = new EventLoopTurns();
  try {
    for await (const page of logPages(log, from - 1, to, pageSize)) {
      for (const event of page) {
        const link = brokenLinkAt(position, previous, event, anchor);
        if (link !== undefined) return broken(link);
        previous = event.hash;
        position += 1;
        checked += 1;
        if (turns.due) await turns.give();
      }
    }
  } catch (error) {
    if (error instanceof UnreadableEventError) return broken(brokenLinks.unreadable(position, error.reason));
    throw error;
  }
  // The log ended before `to`: its last events are gone (or were never there, for a `to` given too far).
  if (position <= to) return broken(brokenLinks.missingPosition(position, undefined));
  return { ok: true, checked };
}

/** The hash the link at `from` chains from, or why it cannot be had. */
async function linkBefore(log: ReadableLog, from: Position): Promise<string | BrokenLink> {
  if (from === 1) return GENESIS_HASH;
  let event: RecordedEvent | undefined;
  try {
    [event] = await log.readAll(from - 2, 1);
  } catch (error) {
    if (error instanceof SyntaxError) return brokenLinks.unreadable(from - 1, error.message);
    throw error;
  }
  return event?.position === from - 1 ? event.hash : brokenLinks.missingPosition(from - 1, event);
}

/** Why the link of `event`, read where `position` should be, does not hold; undefined when it does. */
function brokenLinkAt(position: Position, previous: string, event: RecordedEvent, anchor: ChainAnchor | undefined): BrokenLink | undefined {
  if (event.position !== position) return brokenLinks.missingPosition(position, event);
  let recomputed: string;
  try {
    recomputed = chainHash(previous, event);
  } catch (error) {
    // canonicalJson refuses what JSON cannot carry, e.g. a number edited to 1e999, which parses as Infinity.
    if (error instanceof TypeError) return brokenLinks.unreadable(position, error.message);
    throw error;
  }
  if (recomputed !== event.hash) return brokenLinks.hashMismatch(position, recomputed, event.hash);
  if (anchor?.position === position && anchor.hash !== event.hash) return brokenLinks.anchorMismatch(position, anchor.hash, event.hash);
  return undefined;
}

function checkOptions(from: Position, to: Position, head: Position | undefined, anchor: ChainAnchor | undefined, pageSize: number): void {
  if (!Number.isSafeInteger(from) || from < 1) throw new VerificationRangeError(`from must be a position of 1 or more, not ${from}`);
  if (!Number.isSafeInteger(to) || to < 0) throw new VerificationRangeError(`to must be a position of 0 or more, not ${to}`);
  if (to < from - 1) {
    throw new VerificationRangeError(
      head === undefined ? `from (${from}) must not be after to (${to})` : `from (${from}) is after the last stored position (${head})`,
    );
  }
  if (anchor !== undefined && (!Number.isSafeInteger(anchor.position) || anchor.position < from - 1 || anchor.position > to)) {
    throw new VerificationRangeError(`the anchor's position (${anchor.position}) must lie from ${from - 1} to ${to}, the range verified and the link before it`);
  }
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new VerificationRangeError(`pageSize must be 1 or more, not ${pageSize}`);
}
