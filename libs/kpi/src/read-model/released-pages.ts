import { type DeclarationStateJson } from '../engine/facts-json.js';

/** How one read model reads a page of the TRS population, each page in a statement of its own. */
export interface ReleasedPageReads {
  /** Rows with `releasedAt` in [from, to) after (`afterAt`, `after`) in (releasedAt, subject) order, at most `limit`. */
  released(afterAt: number, after: string, limit: number): Promise<readonly DeclarationStateJson[]>;
  /** Rows without hot keys (written before they existed) after `after` in subject order, at most `limit`. */
  withoutHotKeys(after: string, limit: number): Promise<readonly DeclarationStateJson[]>;
}

/**
 * `ColdSubjects.releasedIn` over a read model's two page reads: the period's releases by (releasedAt, subject), which
 * an index on those two columns answers page after page without reading the pages before, then the rows without hot
 * keys, whose release the caller tells from their facts. Keyset pagination, so no snapshot is held while the caller
 * awaits between pages: a declaration rewritten between two pages may be seen as stored when its page was read, or
 * not at all (the caller reads the declarations it holds, which are the only ones rewritten, from memory).
 */
export async function* releasedPages(from: number, pageSize: number, reads: ReleasedPageReads): AsyncIterable<readonly DeclarationStateJson[]> {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`a page holds at least one row, not ${pageSize}`);
  // Subjects are never empty (ingest validation), so '' sorts before every one of them.
  let afterAt = from;
  let after = '';
  for (;;) {
    const page = await reads.released(afterAt, after, pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) break;
    const last = page[page.length - 1]!;
    afterAt = last.hot!.releasedAt!;
    after = last.subject;
  }
  after = '';
  for (;;) {
    const page = await reads.withoutHotKeys(after, pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.subject;
  }
}
