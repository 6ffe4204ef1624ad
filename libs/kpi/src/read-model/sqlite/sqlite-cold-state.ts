import type Database from 'better-sqlite3';

import { type BucketJson } from '../../engine/buckets.js';
import { type DeclarationStateJson } from '../../engine/facts-json.js';
import { type StoredSubjectStates, type SubjectsToLoad } from '../../engine/kpi-engine.js';
import { type TrsFilters } from '../../engine/trs-release.js';
import { bucketLineKeys } from '../bucket-key-ranges.js';
import { byStart } from '../buckets-by-start.js';
import { type BucketLineAddress, type ColdState } from '../read-model.port.js';
import { longestReleasedPages } from '../longest-released-pages.js';
import { releasedPages } from '../released-pages.js';
import { bucketOfSqliteRow } from './sqlite-bucket-rows.js';
import { type LongestReleasedPage, type SqliteReadModelStatements } from './sqlite-read-model-statements.js';
import { caseOfSqliteRow, declarationOfSqliteRow } from './sqlite-subject-rows.js';

/**
 * {@link ColdState} of the SQLite read model: subjects by name, the TRS population in keyset pages (released-pages.ts,
 * longest-released-pages.ts), buckets by key and by key range (bucket-key-ranges.ts). Every read waits for a commit's transaction on the
 * connection to end (the read model's queue).
 */
export class SqliteColdState implements ColdState {
  constructor(
    private readonly db: Database.Database,
    private readonly statements: SqliteReadModelStatements,
    /** Runs a read when no commit's transaction is open on the connection (the read model's queue). */
    private readonly exclusively: <T>(read: () => T) => Promise<T>,
  ) {}

  subjects(request: SubjectsToLoad): Promise<StoredSubjectStates> {
    // Both kinds in one read transaction, so that they stand for one checkpoint.
    return this.exclusively(() =>
      this.db.transaction(
        (): StoredSubjectStates => ({
          declarations: this.statements.declarationsNamed.all(JSON.stringify(request.declarations)).map(declarationOfSqliteRow),
          cases: this.statements.casesNamed.all(JSON.stringify(request.cases)).map(caseOfSqliteRow),
        }),
      ).deferred(),
    );
  }

  releasedIn(from: number, to: number, pageSize: number): AsyncIterable<readonly DeclarationStateJson[]> {
    const { statements } = this;
    return releasedPages(from, pageSize, {
      released: (afterAt, after, limit) => this.exclusively(() => statements.releasedPage.all({ to, afterAt, after, limit }).map(declarationOfSqliteRow)),
      withoutHotKeys: (after, limit) => this.exclusively(() => statements.withoutHotKeysPage.all({ after, limit }).map(declarationOfSqliteRow)),
    });
  }

  longestReleasedIn(from: number, to: number, filters: TrsFilters, pageSize: number): AsyncIterable<readonly DeclarationStateJson[]> {
    const { statements } = this;
    return longestReleasedPages(pageSize, (afterMs, after, limit) =>
      this.exclusively(() => statements.longestReleasedPage.all(longestReleasedPage(from, to, filters, afterMs, after, limit)).map(declarationOfSqliteRow)),
    );
  }

  bucketsNamed(keys: readonly string[]): Promise<BucketJson[]> {
    return this.exclusively(() => this.statements.bucketsNamed.all(JSON.stringify(keys)).map(bucketOfSqliteRow));
  }

  bucketsBetween(line: BucketLineAddress, from: number, to: number): Promise<BucketJson[]> {
    return this.bucketsNamed(bucketLineKeys(line, from, to)).then(byStart);
  }
}

/** The parameters of one page of `longestReleasedIn`: a filter not given is `NULL`, which every row matches. */
export function longestReleasedPage(from: number, to: number, filters: TrsFilters, afterMs: number, after: string, limit: number): LongestReleasedPage {
  const { office = null, transportMode = null, regime = null } = filters;
  return { from, to, afterMs, after, limit, office, transportMode, regime };
}
