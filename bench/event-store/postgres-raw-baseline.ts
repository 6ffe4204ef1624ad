import type pg from 'pg';
import type { Rate } from '../harness/measure.js';
import { replayAppends, scanRate, type AppendFigures } from './append-schedule.js';
import { RAW_TABLES, type RawTable } from './raw-table.js';
import { LOG_COLUMNS, type LogRow } from './store-workload.js';
import type { Workload } from './workload.js';

const COLUMN_COUNT = 13;

/**
 * node-postgres alone on the store's rows, in the store's schema: one multi-row `INSERT ... VALUES (...), (...)`
 * per batch (13 parameters a row, one implicit transaction); and a paged `SELECT *` with pg's default type parsers.
 */
export class PostgresRawBaseline {
  private readonly statements = new Map<string, string>();

  private constructor(
    private readonly client: pg.Client,
    private readonly schema: string,
  ) {}

  static async create(client: pg.Client, schema: string): Promise<PostgresRawBaseline> {
    const baseline = new PostgresRawBaseline(client, schema);
    for (const [kind, table] of Object.entries(RAW_TABLES)) {
      const unique = kind === 'indexed' ? ', UNIQUE (stream, revision), UNIQUE (source, id)' : '';
      await client.query(`CREATE TABLE ${baseline.qualified(table)} (
        position bigint PRIMARY KEY, stream text NOT NULL, revision bigint NOT NULL, source text NOT NULL,
        id text NOT NULL, type text NOT NULL, subject text NOT NULL, time timestamptz NOT NULL, data json NOT NULL,
        extensions json NOT NULL, recorded_at timestamptz NOT NULL, hash text NOT NULL, content_hash text NOT NULL${unique})`);
    }
    return baseline;
  }

  /** Inserts `rows` on the workload's schedule of transactions; only the plain table is filled for the scan. */
  async replay(workload: Workload, rows: readonly LogRow[], table: RawTable, progress: (line: string) => void): Promise<AppendFigures> {
    return replayAppends(
      workload,
      rows,
      {
        prepare: (batch) => ({ text: this.insertFor(RAW_TABLES[table], batch.length), values: batch.flat() }),
        commit: async (query) => void (await this.client.query(query.text, query.values)),
      },
      (line) => progress(`raw (${table}) ${line}`),
      { fill: table === 'plain' },
    );
  }

  async scan(workload: Workload, progress: (line: string) => void): Promise<Rate> {
    const sql = `SELECT * FROM ${this.qualified(RAW_TABLES.plain)} WHERE position > $1 ORDER BY position LIMIT $2`;
    const scan = await scanRate(workload, async (after, limit) => {
      const { rows } = await this.client.query<{ position: string }>(sql, [after, limit]);
      return { count: rows.length, lastPosition: Number(rows.at(-1)?.position ?? after) };
    });
    progress(`raw SELECT scan: ${scan.runs.map(Math.round).join(', ')} events/s`);
    return scan;
  }

  private insertFor(table: string, rowCount: number): string {
    const key = `${table}/${rowCount}`;
    let text = this.statements.get(key);
    if (!text) {
      const tuples = Array.from({ length: rowCount }, (_, row) => {
        const first = row * COLUMN_COUNT;
        return `(${Array.from({ length: COLUMN_COUNT }, (__, column) => `$${first + column + 1}`).join(', ')})`;
      });
      text = `INSERT INTO ${this.qualified(table)} (${LOG_COLUMNS}) VALUES ${tuples.join(', ')}`;
      this.statements.set(key, text);
    }
    return text;
  }

  private qualified(table: string): string {
    return `"${this.schema}".${table}`;
  }
}
