import type Database from 'better-sqlite3';

import { type DeclarationStateJson } from '../../engine/facts-json.js';
import { type ColdSubjects, type StoredSubjects } from '../read-model.port.js';
import { type SqliteReadModelStatements } from './sqlite-read-model-statements.js';
import { caseOfSqliteRow, declarationOfSqliteRow } from './sqlite-subject-rows.js';

/**
 * {@link ColdSubjects} of the SQLite read model. The TRS population comes in pages each read on its own (keyset
 * pagination by subject), never in one read transaction held across the caller's awaits: the projector commits on
 * this same connection meanwhile, and its commit must not end up inside a reader's transaction. So the pages of
 * one pass may stand for different checkpoints: a declaration rewritten between two pages is seen as stored when
 * its page was read, or, when its release left the range in between, not at all.
 */
export class SqliteColdSubjects implements ColdSubjects {
  constructor(
    private readonly db: Database.Database,
    private readonly statements: SqliteReadModelStatements,
    /** Runs a read when no commit's transaction is open on the connection (the read model's queue). */
    private readonly exclusively: <T>(read: () => T) => Promise<T>,
  ) {}

  subjects(request: { readonly declarations: readonly string[]; readonly cases: readonly string[] }): Promise<StoredSubjects> {
    // Both kinds in one read transaction, so that they stand for one checkpoint.
    return this.exclusively(() =>
      this.db.transaction(
        (): StoredSubjects => ({
          declarations: this.statements.declarationsNamed.all(JSON.stringify(request.declarations)).map(declarationOfSqliteRow),
          cases: this.statements.casesNamed.all(JSON.stringify(request.cases)).map(caseOfSqliteRow),
        }),
      ).deferred(),
    );
  }

  async *releasedIn(from: number, to: number, pageSize: number): AsyncIterable<readonly DeclarationStateJson[]> {
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`a page holds at least one row, not ${pageSize}`);
    // Subjects are never empty (ingest validation), so '' sorts before every one of them.
    let after = '';
    for (;;) {
      const page = await this.exclusively(() => this.statements.releasedPage.all({ from, to, after, limit: pageSize }).map(declarationOfSqliteRow));
      if (page.length > 0) yield page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.subject;
    }
  }
}
