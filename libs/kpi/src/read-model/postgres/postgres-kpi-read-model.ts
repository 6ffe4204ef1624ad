import type pg from 'pg';
import { isStatementTimeout, isTransientPostgresError, migratePostgresSchema } from '@customs-pulse/sql/postgres';

import { bucketKey } from '../../engine/bucket-key.js';
import { type BucketJson } from '../../engine/buckets.js';
import { type BucketHorizonsJson, type KpiEngineSnapshot } from '../../engine/engine-snapshot.js';
import { type QualityCountersJson } from '../../engine/quality-counters.js';
import { DAY_MS } from '../../engine/bucket-time.js';
import { heldBucketRanges } from '../bucket-key-ranges.js';
import { type CaseRow, type DeclarationRow, caseOfRow, declarationOfRow } from '../hot-key-columns.js';
import {
  type ColdState,
  type HotSelection,
  type KpiReadModel,
  type KpiReadModelCommit,
  type KpiReadModelHistory,
  type KpiReadModelState,
} from '../read-model.port.js';
import { StaleCheckpointError, assertCheckpointAdvances } from '../stale-checkpoint-error.js';
import { assertHorizonsNameTheirSlices, assertWrittenAfterEveryChange, writtenBeforeError } from '../written-before.js';
import { isColumnNotThere } from './postgres-active-generation.js';
import { MIN_ROWS_PER_STATEMENT, ROWS_PER_STATEMENT, batchedUpsert } from './batched-upsert.js';
import { inReadSnapshot, withReadModelClient } from './postgres-client.js';
import { PostgresColdState } from './postgres-cold-state.js';
import { postgresHistorySql } from './postgres-history-sql.js';
import { type PostgresReadModelConnection, borrowPool } from './postgres-pool.js';
import { PostgresReadModelHistory } from './postgres-read-model-history.js';
import { READ_MODEL_MIGRATIONS_TABLE, postgresReadModelMigrations } from './postgres-read-model-schema.js';
import { type PostgresReadModelSql, postgresReadModelSql } from './postgres-read-model-sql.js';
import { assertReadModelSchemaName } from './postgres-schema-name.js';

/** Options of {@link PostgresKpiReadModel.open}. */
export type PostgresKpiReadModelOptions = PostgresReadModelConnection & {
  /** The schema of the read model's tables, created if missing; apart from the event store's, or shared with it. */
  readonly schema: string;
};

/** A commit whose COMMIT was sent but whose answer was lost with the connection: it may have been stored. */
interface CommitInDoubt {
  readonly expectedCheckpoint: number;
  readonly checkpoint: number;
}

/**
 * The KPI read model of the distributed deployment, in one PostgreSQL schema. A load reads checkpoint and state in
 * one REPEATABLE READ transaction, so they match while a projector commits. A commit locks the checkpoint row
 * (`SELECT ... FOR UPDATE`) before comparing it, so a second writer from the same checkpoint waits, then sees the
 * checkpoint moved and writes nothing.
 */
export class PostgresKpiReadModel implements KpiReadModel {
  private readonly sql: PostgresReadModelSql;
  private readonly where: string;
  readonly cold: ColdState;
  readonly history: KpiReadModelHistory;
  private inDoubt: CommitInDoubt | null = null;
  private closed = false;
  /**
   * Rows per upsert statement: halved after each statement timeout (down to {@link MIN_ROWS_PER_STATEMENT}), so that
   * the projector's retry of a commit too big for `statement_timeout` sends statements that can finish, instead of
   * timing out at the same size for ever. It stays smaller for the life of this read model.
   */
  private rowsPerStatement = ROWS_PER_STATEMENT;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly ownsPool: boolean,
    /** The schema holding this read model's tables. */
    readonly schema: string,
  ) {
    this.sql = postgresReadModelSql(schema);
    this.where = `in PostgreSQL schema ${schema}`;
    this.cold = new PostgresColdState(pool, this.where, this.sql, () => this.assertOpen());
    this.history = new PostgresReadModelHistory(pool, this.where, postgresHistorySql(schema), () => this.assertOpen());
  }

  /**
   * Connects (or borrows `options.pool`), creates the schema if needed and brings it up to date.
   * @throws KpiReadModelUnavailableError when PostgreSQL cannot be reached.
   */
  static async open(options: PostgresKpiReadModelOptions): Promise<PostgresKpiReadModel> {
    assertReadModelSchemaName(options.schema);
    const { pool, owned } = borrowPool(options);
    const readModel = new PostgresKpiReadModel(pool, owned, options.schema);
    try {
      await withReadModelClient(pool, readModel.where, (client) =>
        migratePostgresSchema(client, {
          schema: options.schema,
          table: READ_MODEL_MIGRATIONS_TABLE,
          migrations: postgresReadModelMigrations,
        }),
      );
    } catch (error) {
      await readModel.close();
      throw error;
    }
    return readModel;
  }

  async load(hot?: HotSelection): Promise<KpiReadModelState> {
    this.assertOpen();
    const { sql } = this;
    return withReadModelClient(this.pool, this.where, (client) =>
      // The checkpoint is read first and the buckets last: the snapshot taken at the first read holds for all.
      inReadSnapshot(client, () => readKpiState(client, sql, hot)),
    );
  }

  async commit(change: KpiReadModelCommit): Promise<void> {
    assertCheckpointAdvances(change.expectedCheckpoint, change.checkpoint);
    this.assertOpen();
    const inDoubt = this.inDoubt;
    this.inDoubt = null;
    await withReadModelClient(this.pool, this.where, async (client) => {
      await client.query('BEGIN');
      let sentCommit = false;
      try {
        const { rows } = await client.query<{ position: string }>(this.sql.checkpointForUpdate);
        const position = Number(rows[0]!.position);
        if (position !== change.expectedCheckpoint) {
          await client.query('ROLLBACK');
          // Our own earlier attempt, whose answer was lost, did commit: the state stored is the one we would write.
          if (isTheCommitInDoubt(inDoubt, change, position)) return;
          throw new StaleCheckpointError(change.expectedCheckpoint, position);
        }
        await this.write(client, change);
        sentCommit = true;
        await client.query('COMMIT');
      } catch (error) {
        if (!sentCommit && isStatementTimeout(error)) this.rowsPerStatement = Math.max(MIN_ROWS_PER_STATEMENT, Math.floor(this.rowsPerStatement / 2));
        if (sentCommit && isTransientPostgresError(error)) {
          this.inDoubt = { expectedCheckpoint: change.expectedCheckpoint, checkpoint: change.checkpoint };
        } else if (!sentCommit && !(error instanceof StaleCheckpointError)) {
          await client.query('ROLLBACK').catch(() => undefined);
        }
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }

  private async write(client: pg.PoolClient, { checkpoint, dirty, closesEpoch }: KpiReadModelCommit): Promise<void> {
    const bySubject = (row: { readonly subject: string }): string => row.subject;
    const rows = this.rowsPerStatement;
    await batchedUpsert(client, this.sql.upsertDeclarations, checkpoint, dirty.declarations, bySubject, rows);
    await batchedUpsert(client, this.sql.upsertCases, checkpoint, dirty.cases, bySubject, rows);
    // The engine keeps a bucket that empties (all counters 0) and drains it as such: written over, never deleted.
    const keyOf = (bucket: BucketJson): string => bucketKey({ ...bucket, start: Date.parse(bucket.start) });
    await batchedUpsert(client, this.sql.upsertBuckets, checkpoint, dirty.buckets, keyOf, rows, (bucket, key) => ({ key, bucket }));
    if (dirty.bucketHorizons !== undefined) {
      await client.query(this.sql.storeBucketHorizons, [dirty.bucketHorizons === null ? null : JSON.stringify(dirty.bucketHorizons)]);
    }
    await client.query(this.sql.moveCheckpoint, [checkpoint, JSON.stringify(dirty.quality)]);
    // After every row and the checkpoint's move, in the commit's transaction: the epoch closes on the state it brings.
    if (closesEpoch !== undefined) await client.query(this.sql.closeEpoch, [Date.parse(closesEpoch.lastRecordedAt)]);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the KPI read model ${this.where} is closed`);
  }
}

/**
 * Whether a refused compare is explained by the last attempt of this very commit having been stored after all. The
 * state at a checkpoint follows from the log alone (guarantee 4), so whoever stored it stored what we would.
 */
function isTheCommitInDoubt(inDoubt: CommitInDoubt | null, change: KpiReadModelCommit, position: number): boolean {
  return (
    inDoubt !== null &&
    inDoubt.expectedCheckpoint === change.expectedCheckpoint &&
    inDoubt.checkpoint === change.checkpoint &&
    position === change.checkpoint
  );
}

/** The checkpoint row, its JSON parsed by `pg`. */
export interface CheckpointRow {
  readonly position: string;
  readonly quality: QualityCountersJson;
  readonly bucket_horizons: BucketHorizonsJson | null;
  /** A change the read model was written before, which it cannot be loaded without (written-before.ts); else `NULL`. */
  readonly written_before: string | null;
}

/**
 * The checkpoint and the state stored with it (with `hot`, only the hot declarations and cases, and the buckets from
 * the stored horizons on, with those horizons), read through `client` inside a transaction the caller opened. The
 * checkpoint is read first and the buckets last: under REPEATABLE READ the snapshot taken at the first read holds for
 * all.
 * @throws KpiReadModelUnloadableError when the read model was written before a change this build needs
 * (written-before.ts), or its schema is older than this build's (a follower's projector not upgraded yet).
 */
export async function readKpiState(client: pg.ClientBase, sql: PostgresReadModelSql, hot?: HotSelection): Promise<KpiReadModelState> {
  const row = await readCheckpointRow(client, sql);
  const checkpoint = Number(row.position);
  if (checkpoint === 0) return { checkpoint: 0, snapshot: null };
  // Horizons only for a bounded engine's start: an engine loading every bucket carries no backlog, and names every
  // slice from the buckets themselves.
  const horizons = hot === undefined ? null : row.bucket_horizons;
  assertHorizonsNameTheirSlices(horizons, READ_MODEL);
  const [declarations, cases, parameters] =
    hot === undefined
      ? [sql.declarations, sql.cases, []]
      : [sql.hotDeclarations, sql.hotCases, [hot.recentSince, hot.openMaxDays * DAY_MS]];
  const snapshot: KpiEngineSnapshot = {
    declarations: (await client.query<DeclarationRow>(declarations, parameters)).rows.map(declarationOfRow),
    cases: (await client.query<CaseRow>(cases, parameters)).rows.map(caseOfRow),
    buckets: (await client.query<{ bucket: BucketJson }>(...bucketsRead(sql, horizons))).rows.map((row) => row.bucket),
    quality: row.quality,
    ...(horizons === null ? {} : { bucketHorizons: horizons }),
  };
  return { checkpoint, snapshot };
}

/**
 * The checkpoint row, read through `client` inside a transaction the caller opened.
 * @throws KpiReadModelUnloadableError as {@link readKpiState}
 */
export async function readCheckpointRow(client: pg.ClientBase, sql: PostgresReadModelSql): Promise<CheckpointRow> {
  const { rows } = await client.query<CheckpointRow>(sql.checkpoint).catch((error: unknown) => {
    // A schema older than this build's, its projector not upgraded yet: once it is, it migrates the schema and finds
    // the read model written before the TRS day aggregates, or empty.
    throw isColumnNotThere(error) ? writtenBeforeError('the TRS day aggregates', READ_MODEL) : error;
  });
  assertWrittenAfterEveryChange(rows[0]!.written_before, READ_MODEL);
  return rows[0]!;
}

/** The read model, as the messages of {@link readKpiState} name it: a follower's reads it without owning it. */
const READ_MODEL = 'the PostgreSQL KPI read model';

/** Every bucket, or those from `horizons` on: one range of the key's index per measure and granularity. */
function bucketsRead(sql: PostgresReadModelSql, horizons: BucketHorizonsJson | null): [string, unknown[]] {
  if (horizons === null) return [sql.buckets, []];
  const ranges = heldBucketRanges(horizons);
  return [sql.bucketsInRanges, [ranges.map((range) => range.from), ranges.map((range) => range.to)]];
}
