import { type DeclarationStateJson } from '../engine/facts-json.js';

/**
 * Reads one page of the TRS population of a period, longest release first: the rows after (`afterMs`, `after`) in
 * (release time descending, subject) order, at most `limit`, every one with `hot.trs`.
 */
export type LongestReleasedPageRead = (afterMs: number, after: string, limit: number) => Promise<readonly DeclarationStateJson[]>;

/**
 * `ColdSubjects.longestReleasedIn` over a read model's page read: keyset pages along an index of the release time,
 * each a statement of its own that starts where the last one ended, so that a caller wanting the first few rows
 * reads a page or two and none of the rest. As with `releasedPages`, no snapshot is held between pages: a declaration
 * rewritten between two pages is seen as stored when its page was read, or not at all (the caller reads the
 * declarations it holds, the only ones rewritten, from memory).
 */
export async function* longestReleasedPages(pageSize: number, read: LongestReleasedPageRead): AsyncIterable<readonly DeclarationStateJson[]> {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`a page holds at least one row, not ${pageSize}`);
  // No release takes longer than this (it is centuries), and subjects are never empty: the first page starts at the top.
  let afterMs = Number.MAX_SAFE_INTEGER;
  let after = '';
  for (;;) {
    const page = await read(afterMs, after, pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1]!;
    afterMs = last.hot!.trs!.releaseMs;
    after = last.subject;
  }
}
