import { type PostgresSessionLimits } from '@customs-pulse/sql';
import { assertSchemaName, isTransientPostgresError, openMigratedPostgresPool } from '@customs-pulse/sql/postgres';
import type pg from 'pg';

import { type JudgeCheckpoint, type JudgeCheckpointStore, JudgeCheckpointUnavailableError, decodedCheckpoint } from '../judge-checkpoint.port.js';

/** Where the distributed judge keeps its checkpoint: the KPI read model's database and schema. */
export interface PostgresJudgeCheckpointOptions {
  readonly connectionString: string;
  readonly schema: string;
  /** @defaultValue `DEFAULT_POSTGRES_SESSION_LIMITS` */
  readonly sessionLimits?: PostgresSessionLimits;
}

const MIGRATIONS = [
  {
    version: 1,
    name: 'alert judge checkpoint',
    sql: `CREATE TABLE alert_judge_checkpoint (
      id integer PRIMARY KEY CHECK (id = 1), position bigint NOT NULL, deferred jsonb NOT NULL)`,
  },
];

/**
 * The judge's checkpoint as one row of `alert_judge_checkpoint` in the read model's schema, outside its generations
 * (a rebuild replaces those; the judge's checkpoint must outlive them).
 */
export class PostgresJudgeCheckpointStore implements JudgeCheckpointStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
  ) {}

  static async open({ connectionString, schema, sessionLimits }: PostgresJudgeCheckpointOptions): Promise<PostgresJudgeCheckpointStore> {
    assertSchemaName(schema);
    const history = { schema, table: 'alert_judge_migrations', migrations: MIGRATIONS };
    const pool = await openMigratedPostgresPool({ connectionString, max: 1, application_name: 'customs-pulse-alert-judge' }, history, sessionLimits);
    return new PostgresJudgeCheckpointStore(pool, schema);
  }

  async load(): Promise<JudgeCheckpoint | null> {
    const { rows } = await this.query<{ position: string; deferred: unknown }>(`SELECT position, deferred FROM "${this.schema}".alert_judge_checkpoint`);
    const row = rows[0];
    return row === undefined ? null : decodedCheckpoint(Number(row.position), row.deferred, `"${this.schema}".alert_judge_checkpoint`);
  }

  async save({ position, deferred }: JudgeCheckpoint): Promise<void> {
    await this.query(
      `INSERT INTO "${this.schema}".alert_judge_checkpoint (id, position, deferred) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET position = excluded.position, deferred = excluded.deferred`,
      [position, JSON.stringify(deferred)],
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** A lost connection, a failover or a timeout is an outage the judge waits out. */
  private async query<R extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(sql, values);
    } catch (error) {
      if (isTransientPostgresError(error)) throw new JudgeCheckpointUnavailableError(`the alert judge's checkpoint in "${this.schema}" is out of reach: ${(error as Error).message}`, { cause: error });
      throw error;
    }
  }
}
