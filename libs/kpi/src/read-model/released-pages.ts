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

/**
 * `ColdSubjects.releasedIn` as of an epoch, from the pages of a table's rows and then of their versions, each paged
 * on its own index. No snapshot is held between pages, so a declaration the projector writes over after its row's
 * page, moving the row into its versions, is met again there, as it stood at the epoch both times: the versions' pages
 * leave out the subjects the rows' pages gave. The rows' own pages never repeat one (a row leaves the rows as of an
 * epoch, never enters them), nor do the versions' (they are never written over).
 */
export async function* releasedOnceEach(
  rows: AsyncIterable<readonly DeclarationStateJson[]>,
  versions: AsyncIterable<readonly DeclarationStateJson[]>,
): AsyncIterable<readonly DeclarationStateJson[]> {
  const given = new Set<string>();
  for await (const page of rows) {
    for (const { subject } of page) given.add(subject);
    yield page;
  }
  for await (const page of versions) {
    const unseen = page.filter(({ subject }) => !given.has(subject));
    if (unseen.length > 0) yield unseen;
  }
}
