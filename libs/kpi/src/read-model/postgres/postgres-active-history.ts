import type pg from 'pg';

import { type KpiReadModelHistory } from '../read-model.port.js';
import { withReadModelClient } from './postgres-client.js';
import { postgresHistorySql } from './postgres-history-sql.js';
import { type PostgresReadModelConnection, borrowPool } from './postgres-pool.js';
import { PostgresReadModelHistory } from './postgres-read-model-history.js';
import { assertReadModelSchemaName } from './postgres-schema-name.js';
import { activeGeneration, generationSchema, isNotThere } from './postgres-active-generation.js';

/**
 * The history of the generation the projector has active in the control schema `schema`, for a follower (a gateway),
 * which writes no read model of its own: its questions asOf a past time start from the projector's epochs instead of
 * replaying the log. Asked once per question, since a rebuild of the projector swaps the generation; the history of
 * one generation is kept while it stays active, so that a follower's kept `asOf` engine is used again. A question
 * whose generation is dropped under it fails, and the next one reads the new one.
 */
export class PostgresActiveHistory {
  private active: { readonly generation: number; readonly history: KpiReadModelHistory } | null = null;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly owned: boolean,
    private readonly schema: string,
  ) {}

  static open(options: PostgresReadModelConnection & { readonly schema: string }): PostgresActiveHistory {
    assertReadModelSchemaName(options.schema);
    const { pool, owned } = borrowPool(options);
    return new PostgresActiveHistory(pool, owned, options.schema);
  }

  /** The active generation's history; null before the projector made one. */
  async current(): Promise<KpiReadModelHistory | null> {
    this.assertOpen();
    const where = `in PostgreSQL schema ${this.schema}`;
    // No control table yet: no projector has made a generation.
    const generation = await withReadModelClient(this.pool, where, (client) =>
      activeGeneration(client, this.schema).catch((error: unknown) => {
        if (isNotThere(error)) return null;
        throw error;
      }),
    );
    if (generation === null) return null;
    if (this.active?.generation !== generation) {
      const schema = generationSchema(this.schema, generation);
      const history = new PostgresReadModelHistory(this.pool, `in PostgreSQL schema ${schema}`, postgresHistorySql(schema), () => this.assertOpen());
      this.active = { generation, history };
    }
    return this.active.history;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.owned) await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the KPI read model history in PostgreSQL schema ${this.schema} is closed`);
  }
}
