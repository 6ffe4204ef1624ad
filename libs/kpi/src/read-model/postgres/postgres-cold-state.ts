import type pg from 'pg';

import { type BucketJson } from '../../engine/buckets.js';
import { type DeclarationStateJson } from '../../engine/facts-json.js';
import { type CaseRow, type DeclarationRow, caseOfRow, declarationOfRow } from '../hot-key-columns.js';
import { type StoredSubjectStates, type SubjectsToLoad } from '../../engine/kpi-engine.js';
import { type TrsFilters } from '../../engine/trs-release.js';
import { bucketLineKeys } from '../bucket-key-ranges.js';
import { byStart } from '../buckets-by-start.js';
import { type BucketLineAddress, type ColdState } from '../read-model.port.js';
import { longestReleasedPages } from '../longest-released-pages.js';
import { releasedPages } from '../released-pages.js';
import { inReadSnapshot, withReadModelClient } from './postgres-client.js';
import { type PostgresReadModelSql } from './postgres-read-model-sql.js';
import { trsFilterTerms } from './postgres-trs-filters.js';

/**
 * {@link ColdState} of the PostgreSQL read model: subjects by name, the TRS population in keyset pages
 * (released-pages.ts, longest-released-pages.ts), buckets by key and by key range (bucket-key-ranges.ts).
 */
export class PostgresColdState implements ColdState {
  constructor(
    private readonly pool: pg.Pool,
    private readonly where: string,
    private readonly sql: PostgresReadModelSql,
    private readonly assertOpen: () => void,
  ) {}

  async subjects(request: SubjectsToLoad): Promise<StoredSubjectStates> {
    this.assertOpen();
    return withReadModelClient(this.pool, this.where, (client) =>
      // Both kinds from one snapshot, so that they stand for one checkpoint.
      inReadSnapshot(client, async (): Promise<StoredSubjectStates> => ({
        // A live batch usually names declarations only: no round trip for the kind it does not name.
        declarations: request.declarations.length === 0 ? [] : (await client.query<DeclarationRow>(this.sql.declarationsNamed, [request.declarations])).rows.map(declarationOfRow),
        cases: request.cases.length === 0 ? [] : (await client.query<CaseRow>(this.sql.casesNamed, [request.cases])).rows.map(caseOfRow),
      })),
    );
  }

  releasedIn(from: number, to: number, pageSize: number): AsyncIterable<readonly DeclarationStateJson[]> {
    return releasedPages(from, pageSize, {
      released: (afterAt, after, limit) => this.page(this.sql.releasedPage, [to, afterAt, after, limit]),
      withoutHotKeys: (after, limit) => this.page(this.sql.withoutHotKeysPage, [after, limit]),
    });
  }

  longestReleasedIn(from: number, to: number, filters: TrsFilters, pageSize: number): AsyncIterable<readonly DeclarationStateJson[]> {
    const terms = trsFilterTerms(filters, 6);
    const statement = this.sql.longestReleasedPage(terms.sql);
    return longestReleasedPages(pageSize, (afterMs, after, limit) => this.page(statement, [from, to, afterMs, after, limit, ...terms.values]));
  }

  async bucketsNamed(keys: readonly string[]): Promise<BucketJson[]> {
    if (keys.length === 0) return [];
    return this.buckets(this.sql.bucketsNamed, [keys]);
  }

  async bucketsBetween(line: BucketLineAddress, from: number, to: number): Promise<BucketJson[]> {
    return byStart(await this.bucketsNamed(bucketLineKeys(line, from, to)));
  }

  /** One page of declarations: a statement of its own, on whichever connection of the pool is free. */
  private async page(statement: string, parameters: readonly unknown[]): Promise<DeclarationStateJson[]> {
    this.assertOpen();
    const { rows } = await withReadModelClient(this.pool, this.where, (client) => client.query<DeclarationRow>(statement, [...parameters]));
    return rows.map(declarationOfRow);
  }

  private async buckets(statement: string, parameters: readonly unknown[]): Promise<BucketJson[]> {
    this.assertOpen();
    const { rows } = await withReadModelClient(this.pool, this.where, (client) => client.query<{ bucket: BucketJson }>(statement, [...parameters]));
    return rows.map((row) => row.bucket);
  }
}
