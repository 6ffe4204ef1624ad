import type pg from 'pg';

import { type BucketJson } from '../../engine/buckets.js';
import { type DeclarationStateJson } from '../../engine/facts-json.js';
import { type StoredSubjectStates, type SubjectsToLoad } from '../../engine/kpi-engine.js';
import { type TrsFilters } from '../../engine/trs-release.js';
import { bucketLineKeys } from '../bucket-key-ranges.js';
import { byStart } from '../buckets-by-start.js';
import { type CaseRow, type DeclarationRow, caseOfRow, declarationOfRow } from '../hot-key-columns.js';
import { type BucketLineAddress, type ColdState } from '../read-model.port.js';
import { longestReleasedPages } from '../longest-released-pages.js';
import { releasedOnceEach, releasedPages } from '../released-pages.js';
import { inReadSnapshot, withReadModelClient } from './postgres-client.js';
import { type PostgresHistorySql } from './postgres-history-sql.js';
import { trsFilterTerms } from './postgres-trs-filters.js';

/**
 * The cold reads of the PostgreSQL read model (`ColdState`, as postgres-cold-state.ts reads them) as they would have
 * answered right after `epoch` closed: each read takes a table's rows and its versions as of the epoch.
 */
export class PostgresColdStateAsOf implements ColdState {
  constructor(
    private readonly pool: pg.Pool,
    private readonly where: string,
    private readonly sql: PostgresHistorySql,
    private readonly epoch: number,
    private readonly assertOpen: () => void,
  ) {}

  async subjects(request: SubjectsToLoad): Promise<StoredSubjectStates> {
    this.assertOpen();
    const { epoch, sql } = this;
    return withReadModelClient(this.pool, this.where, (client) =>
      // Both kinds from one snapshot, as the live cold reads.
      inReadSnapshot(client, async (): Promise<StoredSubjectStates> => ({
        declarations:
          request.declarations.length === 0 ? [] : (await client.query<DeclarationRow>(sql.declarationsNamed, [epoch, request.declarations])).rows.map(declarationOfRow),
        cases: request.cases.length === 0 ? [] : (await client.query<CaseRow>(sql.casesNamed, [epoch, request.cases])).rows.map(caseOfRow),
      })),
    );
  }

  /** The rows' pages, then the versions' pages, each subject once (released-pages.ts, `releasedOnceEach`). */
  releasedIn(from: number, to: number, pageSize: number): AsyncIterable<readonly DeclarationStateJson[]> {
    const { sql } = this;
    const half = (which: 'rows' | 'versions') =>
      releasedPages(from, pageSize, {
        released: (afterAt, after, limit) => this.page(sql.releasedPage[which], [to, afterAt, after, limit]),
        withoutHotKeys: (after, limit) => this.page(sql.withoutHotKeysPage[which], [after, limit]),
      });
    return releasedOnceEach(half('rows'), half('versions'));
  }

  /** Each page the rows' and the versions' pages merged (postgres-history-sql.ts, `longestReleasedPageAsOf`). */
  longestReleasedIn(from: number, to: number, filters: TrsFilters, pageSize: number): AsyncIterable<readonly DeclarationStateJson[]> {
    const terms = trsFilterTerms(filters, 7);
    const statement = this.sql.longestReleasedPage(terms.sql);
    return longestReleasedPages(pageSize, (afterMs, after, limit) => this.page(statement, [from, to, afterMs, after, limit, ...terms.values]));
  }

  async bucketsNamed(keys: readonly string[]): Promise<BucketJson[]> {
    if (keys.length === 0) return [];
    this.assertOpen();
    const { rows } = await withReadModelClient(this.pool, this.where, (client) =>
      client.query<{ bucket: BucketJson }>(this.sql.bucketsNamed, [this.epoch, keys]),
    );
    return rows.map((row) => row.bucket);
  }

  async bucketsBetween(line: BucketLineAddress, from: number, to: number): Promise<BucketJson[]> {
    return byStart(await this.bucketsNamed(bucketLineKeys(line, from, to)));
  }

  /** One page of declarations as of the epoch (`$1`): a statement of its own, on whichever connection is free. */
  private async page(statement: string, parameters: readonly unknown[]): Promise<DeclarationStateJson[]> {
    this.assertOpen();
    const { rows } = await withReadModelClient(this.pool, this.where, (client) => client.query<DeclarationRow>(statement, [this.epoch, ...parameters]));
    return rows.map(declarationOfRow);
  }
}
