import type pg from 'pg';

import { type BucketJson } from '../../engine/buckets.js';
import { type CaseRow, type DeclarationRow, caseOfRow, declarationOfRow } from '../hot-key-columns.js';
import { MirroredReadModelSwappedError } from '../mirrored-read-model-swapped-error.js';
import {
  type ColdState,
  type CommittedKpiChanges,
  type HotSelection,
  type KpiReadModelState,
  type MirroredKpiReadModel,
} from '../read-model.port.js';
import { inTransaction, withReadModelClient } from './postgres-client.js';
import { PostgresColdState } from './postgres-cold-state.js';
import { type CheckpointRow, readCheckpointRow, readKpiState } from './postgres-kpi-read-model.js';
import { type PostgresReadModelConnection, borrowPool } from './postgres-pool.js';
import { type PostgresReadModelSql, postgresReadModelSql } from './postgres-read-model-sql.js';
import { assertReadModelSchemaName } from './postgres-schema-name.js';
import { activeGeneration, generationSchema, isNotThere } from './postgres-active-generation.js';

/** Attempts before giving up on a load that keeps meeting a swap: each swap takes a whole rebuild, so 3 is plenty. */
const ATTEMPTS = 3;

/** The generation a mirror loaded, and how its tables are read. */
interface Loaded {
  /** null before a projector made any generation. */
  readonly generation: number | null;
  readonly sql: PostgresReadModelSql | null;
  readonly cold: ColdState;
}

/**
 * The projector's active generation in the control schema `schema`, mirrored by a gateway (README, "Gateways mirror
 * the projector"): read without the projector's lease and without creating anything. A load reads the pointer and
 * the state in one REPEATABLE READ transaction, and so does each read of the changes, which finds the rows written
 * since a checkpoint along their `written_at` index (schema migration 6). Before the projector made any generation,
 * the state is empty, and the first one it makes counts as a swap.
 */
export class PostgresMirroredReadModel implements MirroredKpiReadModel {
  private loaded: Loaded = { generation: null, sql: null, cold: NO_COLD_STATE };
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly owned: boolean,
    private readonly schema: string,
  ) {}

  static open(options: PostgresReadModelConnection & { readonly schema: string }): PostgresMirroredReadModel {
    assertReadModelSchemaName(options.schema);
    const { pool, owned } = borrowPool(options);
    return new PostgresMirroredReadModel(pool, owned, options.schema);
  }

  get cold(): ColdState {
    return this.loaded.cold;
  }

  /** @throws KpiReadModelUnavailableError when PostgreSQL cannot be reached. */
  async load(hot?: HotSelection): Promise<KpiReadModelState> {
    this.assertOpen();
    for (let attempt = 1; ; attempt += 1) {
      try {
        const { loaded, state } = await this.inSnapshot(async (client) => {
          const generation = await activeGeneration(client, this.schema);
          if (generation === null) return { loaded: { generation, sql: null, cold: NO_COLD_STATE }, state: { checkpoint: 0, snapshot: null } };
          const schema = generationSchema(this.schema, generation);
          const sql = postgresReadModelSql(schema);
          const cold = new PostgresColdState(this.pool, `in PostgreSQL schema ${schema}`, sql, () => this.assertOpen());
          return { loaded: { generation, sql, cold }, state: await readKpiState(client, sql, hot) };
        });
        this.loaded = loaded;
        return state;
      } catch (error) {
        // No control table yet: no projector has started; a dropped generation: read the new pointer.
        if (!isNotThere(error)) throw error;
        if (attempt >= ATTEMPTS) {
          this.loaded = { generation: null, sql: null, cold: NO_COLD_STATE };
          return { checkpoint: 0, snapshot: null };
        }
      }
    }
  }

  /** @throws KpiReadModelUnavailableError when PostgreSQL cannot be reached. */
  async changesSince(checkpoint: number): Promise<CommittedKpiChanges | null> {
    this.assertOpen();
    const { generation, sql } = this.loaded;
    try {
      return await this.inSnapshot(async (client) => {
        const active = await activeGeneration(client, this.schema);
        if (active === null && generation === null) return null;
        if (active !== generation || sql === null) throw new MirroredReadModelSwappedError(`in PostgreSQL schema ${this.schema}`, generation, active);
        const row: CheckpointRow = await readCheckpointRow(client, sql);
        const position = Number(row.position);
        if (position === checkpoint) return null;
        const declarations = (await client.query<DeclarationRow>(sql.declarationsWrittenAfter, [checkpoint])).rows.map(declarationOfRow);
        const cases = (await client.query<CaseRow>(sql.casesWrittenAfter, [checkpoint])).rows.map(caseOfRow);
        const buckets = (await client.query<{ bucket: BucketJson }>(sql.bucketsWrittenAfter, [checkpoint])).rows.map((bucket) => bucket.bucket);
        return {
          checkpoint: position,
          changes: { declarations, cases, buckets, quality: row.quality, ...(row.bucket_horizons === null ? {} : { bucketHorizons: row.bucket_horizons }) },
        };
      });
    } catch (error) {
      if (!isNotThere(error)) throw error;
      // No control table yet: still no projector. Otherwise the generation loaded was dropped by a swap between the
      // pointer's read and its tables'.
      if (generation === null) return null;
      throw new MirroredReadModelSwappedError(`in PostgreSQL schema ${this.schema}`, generation, null);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.owned) await this.pool.end();
  }

  private inSnapshot<T>(read: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return withReadModelClient(this.pool, `in PostgreSQL schema ${this.schema}`, (client) =>
      inTransaction(client, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', () => read(client)),
    );
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the mirrored KPI read model in PostgreSQL schema ${this.schema} is closed`);
  }
}

/** The cold state before any generation exists: nothing was ever stored. */
const NO_COLD_STATE: ColdState = {
  subjects: async () => ({ declarations: [], cases: [] }),
  releasedIn: async function* () {},
  longestReleasedIn: async function* () {},
  bucketsNamed: async () => [],
  bucketsBetween: async () => [],
};
