import type pg from 'pg';

import { type DeclarationStateJson } from '../../engine/facts-json.js';
import { type CaseRow, type DeclarationRow, caseOfRow, declarationOfRow } from '../hot-key-columns.js';
import { type ColdSubjects, type StoredSubjects } from '../read-model.port.js';
import { inTransaction, withReadModelClient } from './postgres-client.js';
import { type PostgresReadModelSql } from './postgres-read-model-sql.js';

/**
 * {@link ColdSubjects} of the PostgreSQL read model. The TRS population comes in pages each read in a statement of
 * its own (keyset pagination by subject), so that no connection or snapshot is held while the caller awaits between
 * pages. So the pages of one pass may stand for different checkpoints: a declaration rewritten between two pages is
 * seen as stored when its page was read, or, when its release left the range in between, not at all.
 */
export class PostgresColdSubjects implements ColdSubjects {
  constructor(
    private readonly pool: pg.Pool,
    private readonly where: string,
    private readonly sql: PostgresReadModelSql,
    private readonly assertOpen: () => void,
  ) {}

  async subjects(request: { readonly declarations: readonly string[]; readonly cases: readonly string[] }): Promise<StoredSubjects> {
    this.assertOpen();
    return withReadModelClient(this.pool, this.where, (client) =>
      // Both kinds from one snapshot, so that they stand for one checkpoint.
      inTransaction(client, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (): Promise<StoredSubjects> => ({
        declarations: (await client.query<DeclarationRow>(this.sql.declarationsNamed, [request.declarations])).rows.map(declarationOfRow),
        cases: (await client.query<CaseRow>(this.sql.casesNamed, [request.cases])).rows.map(caseOfRow),
      })),
    );
  }

  async *releasedIn(from: number, to: number, pageSize: number): AsyncIterable<readonly DeclarationStateJson[]> {
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`a page holds at least one row, not ${pageSize}`);
    // Subjects are never empty (ingest validation), so '' sorts before every one of them.
    let after = '';
    for (;;) {
      this.assertOpen();
      const { rows } = await withReadModelClient(this.pool, this.where, (client) =>
        client.query<DeclarationRow>(this.sql.releasedPage, [from, to, after, pageSize]),
      );
      const page = rows.map(declarationOfRow);
      if (page.length > 0) yield page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.subject;
    }
  }
}
