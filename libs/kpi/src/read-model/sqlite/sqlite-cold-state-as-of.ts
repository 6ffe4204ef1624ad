import type Database from 'better-sqlite3';

import { type BucketJson } from '../../engine/buckets.js';
import { type DeclarationStateJson } from '../../engine/facts-json.js';
import { type StoredSubjectStates, type SubjectsToLoad } from '../../engine/kpi-engine.js';
import { type TrsFilters } from '../../engine/trs-release.js';
import { bucketLineKeys } from '../bucket-key-ranges.js';
import { byStart } from '../buckets-by-start.js';
import { type BucketLineAddress, type ColdState } from '../read-model.port.js';
import { longestReleasedPages } from '../longest-released-pages.js';
import { releasedOnceEach, releasedPages } from '../released-pages.js';
import { bucketOfSqliteRow } from './sqlite-bucket-rows.js';
import { longestReleasedPage } from './sqlite-cold-state.js';
import { type HistoryHalf, type SqliteHistoryStatements } from './sqlite-history-statements.js';
import { caseOfSqliteRow, declarationOfSqliteRow } from './sqlite-subject-rows.js';

/** The cold reads (`ColdState`) as they would have answered right after `epoch` closed. */
export class SqliteColdStateAsOf implements ColdState {
  constructor(
    private readonly db: Database.Database,
    private readonly statements: SqliteHistoryStatements,
    private readonly epoch: number,
    /** Runs a read when no commit's transaction is open on the connection (the read model's queue). */
    private readonly exclusively: <T>(read: () => T) => Promise<T>,
  ) {}

  subjects(request: SubjectsToLoad): Promise<StoredSubjectStates> {
    const { epoch } = this;
    return this.exclusively(() =>
      this.db.transaction(
        (): StoredSubjectStates => ({
          declarations: this.statements.declarationsNamed.all({ epoch, keys: JSON.stringify(request.declarations) }).map(declarationOfSqliteRow),
          cases: this.statements.casesNamed.all({ epoch, keys: JSON.stringify(request.cases) }).map(caseOfSqliteRow),
        }),
      ).deferred(),
    );
  }

  /** The rows' pages, then the versions' pages, each subject once (released-pages.ts, `releasedOnceEach`). */
  releasedIn(from: number, to: number, pageSize: number): AsyncIterable<readonly DeclarationStateJson[]> {
    const { epoch } = this;
    const { releasedPage, withoutHotKeysPage } = this.statements;
    const half = (which: HistoryHalf) =>
      releasedPages(from, pageSize, {
        released: (afterAt, after, limit) => this.exclusively(() => releasedPage[which].all({ epoch, to, afterAt, after, limit }).map(declarationOfSqliteRow)),
        withoutHotKeys: (after, limit) => this.exclusively(() => withoutHotKeysPage[which].all({ epoch, after, limit }).map(declarationOfSqliteRow)),
      });
    return releasedOnceEach(half('rows'), half('versions'));
  }

  /** Each page the rows' and the versions' pages merged (sqlite-history-statements.ts, `longestReleasedPage`). */
  longestReleasedIn(from: number, to: number, filters: TrsFilters, pageSize: number): AsyncIterable<readonly DeclarationStateJson[]> {
    const { epoch, statements } = this;
    return longestReleasedPages(pageSize, (afterMs, after, limit) =>
      this.exclusively(() =>
        statements.longestReleasedPage.all({ epoch, ...longestReleasedPage(from, to, filters, afterMs, after, limit) }).map(declarationOfSqliteRow),
      ),
    );
  }

  bucketsNamed(keys: readonly string[]): Promise<BucketJson[]> {
    return this.exclusively(() => this.statements.bucketsNamed.all({ epoch: this.epoch, keys: JSON.stringify(keys) }).map(bucketOfSqliteRow));
  }

  bucketsBetween(line: BucketLineAddress, from: number, to: number): Promise<BucketJson[]> {
    return this.bucketsNamed(bucketLineKeys(line, from, to)).then(byStart);
  }
}
