import type pg from 'pg';

import { type BucketJson } from '../../engine/buckets.js';
import { type CaseRow, type DeclarationRow, caseOfRow, declarationOfRow } from '../hot-key-columns.js';
import { MirroredReadModelSwappedError } from '../mirrored-read-model-swapped-error.js';
import { KpiReadModelUnavailableError } from '../read-model-unavailable-error.js';
import { KpiReadModelUnloadableError } from '../unloadable-read-model-error.js';
import {
  type ColdState,
  type CommittedKpiChanges,
  type HotSelection,
  type KpiReadModelState,
  type MirroredKpiReadModel,
} from '../read-model.port.js';
import { inReadSnapshot, withReadModelClient } from './postgres-client.js';
import { PostgresColdState } from './postgres-cold-state.js';
import { type CheckpointRow, readCheckpointRow, readKpiState } from './postgres-kpi-read-model.js';
import { type PostgresReadModelConnection, borrowPool } from './postgres-pool.js';
import { type PostgresReadModelSql, postgresReadModelSql } from './postgres-read-model-sql.js';
import { assertReadModelSchemaName } from './postgres-schema-name.js';
import { activeGeneration, generationSchema, isColumnNotThere, isNotThere } from './postgres-active-generation.js';

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

  /**
   * @throws KpiReadModelUnloadableError as `PostgresKpiReadModel.load`, and for a generation whose rows do not carry
   * `written_at` yet (its projector runs an earlier build): the changes after a checkpoint could not be read from it.
   * @throws KpiReadModelUnavailableError when PostgreSQL cannot be reached, or the generation named keeps being dropped.
   */
  async load(hot?: HotSelection): Promise<KpiReadModelState> {
    this.assertOpen();
    for (let attempt = 1; ; attempt += 1) {
      let generation: number | null = null;
      try {
        const { loaded, state } = await this.inSnapshot(async (client) => {
          generation = await activeGeneration(client, this.schema);
          if (generation === null) return { loaded: { generation, sql: null, cold: NO_COLD_STATE }, state: { checkpoint: 0, snapshot: null } };
          const schema = generationSchema(this.schema, generation);
          const sql = postgresReadModelSql(schema);
          // After the state: a schema older still says first that it is rebuilt, not only migrated.
          const state = await readKpiState(client, sql, hot);
          await client.query(sql.writtenAtProbe).catch((error: unknown) => {
            throw isColumnNotThere(error)
              ? new KpiReadModelUnloadableError(`the PostgreSQL KPI read model in schema ${schema} was written before its rows carried their checkpoint: a gateway mirrors it once its projector has migrated it`)
              : error;
          });
          const cold = new PostgresColdState(this.pool, `in PostgreSQL schema ${schema}`, sql, () => this.assertOpen());
          return { loaded: { generation, sql, cold: swapAware(cold, schema) }, state };
        });
        this.loaded = loaded;
        return state;
      } catch (error) {
        if (!isNotThere(error)) throw error;
        // No control table yet: no projector has started. A generation dropped under the read: read the new pointer.
        if (generation === null) {
          this.loaded = { generation: null, sql: null, cold: NO_COLD_STATE };
          return { checkpoint: 0, snapshot: null };
        }
        if (attempt >= ATTEMPTS) throw new KpiReadModelUnavailableError(`KPI read model generation ${generation} in PostgreSQL schema ${this.schema} kept being dropped while it was read`, { cause: error });
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
        // Behind the mirror: the generation was replaced (restored) under the same number; only a load knows it.
        if (position < checkpoint) throw new MirroredReadModelSwappedError(`in PostgreSQL schema ${this.schema}`, generation, active);
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
      inReadSnapshot(client, () => read(client)),
    );
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the mirrored KPI read model in PostgreSQL schema ${this.schema} is closed`);
  }
}

/**
 * `cold` of a generation a swap may drop under a query (the projector activates its rebuild and drops the old
 * generation before the mirror's next read finds out): such a read fails as the read model being unavailable, which
 * a query answers with 503 and its next try reads the generation the mirror then loaded.
 */
function swapAware(cold: ColdState, schema: string): ColdState {
  const unavailable = (error: unknown): never => {
    throw isNotThere(error) ? new KpiReadModelUnavailableError(`KPI read model in PostgreSQL schema ${schema} was dropped by a swap; retry`, { cause: error }) : error;
  };
  async function* pages<T>(read: () => AsyncIterable<T>): AsyncIterable<T> {
    try {
      yield* read();
    } catch (error) {
      unavailable(error);
    }
  }
  return {
    subjects: (request) => cold.subjects(request).catch(unavailable),
    releasedIn: (from, to, pageSize) => pages(() => cold.releasedIn(from, to, pageSize)),
    longestReleasedIn: (from, to, filters, pageSize) => pages(() => cold.longestReleasedIn(from, to, filters, pageSize)),
    bucketsNamed: (keys) => cold.bucketsNamed(keys).catch(unavailable),
    bucketsBetween: (line, from, to) => cold.bucketsBetween(line, from, to).catch(unavailable),
  };
}

/** The cold state before any generation exists: nothing was ever stored. */
const NO_COLD_STATE: ColdState = {
  subjects: async () => ({ declarations: [], cases: [] }),
  releasedIn: async function* () {},
  longestReleasedIn: async function* () {},
  bucketsNamed: async () => [],
  bucketsBetween: async () => [],
};
