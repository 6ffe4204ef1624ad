import Database from 'better-sqlite3';
import type { Rate } from '../harness/measure.js';
import { replayAppends, scanRate, type AppendFigures } from './append-schedule.js';
import { RAW_TABLES, type RawTable } from './raw-table.js';
import { LOG_COLUMNS, type LogRow } from './store-workload.js';
import type { Workload } from './workload.js';

/**
 * better-sqlite3 alone on the store's rows: prepared single-row INSERTs, one `BEGIN IMMEDIATE` transaction per
 * batch, the store's PRAGMAs (WAL, synchronous=FULL); and a paged `SELECT *`. No lookups, planning, hashing or JSON.
 */
export class SqliteRawBaseline {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    for (const table of Object.values(RAW_TABLES)) {
      this.db.exec(`CREATE TABLE ${table} (
        position INTEGER PRIMARY KEY, stream TEXT NOT NULL, revision INTEGER NOT NULL, source TEXT NOT NULL,
        id TEXT NOT NULL, type TEXT NOT NULL, subject TEXT NOT NULL, time TEXT NOT NULL, data TEXT NOT NULL,
        extensions TEXT NOT NULL, recorded_at TEXT NOT NULL, hash TEXT NOT NULL, content_hash TEXT NOT NULL) STRICT`);
    }
    this.db.exec(`CREATE UNIQUE INDEX raw_stream_revision ON ${RAW_TABLES.indexed} (stream, revision);
      CREATE UNIQUE INDEX raw_source_id ON ${RAW_TABLES.indexed} (source, id);`);
  }

  /** Inserts `rows` on the workload's schedule of transactions; only the plain table is filled for the scan. */
  async replay(workload: Workload, rows: readonly LogRow[], table: RawTable, progress: (line: string) => void): Promise<AppendFigures> {
    const insert = this.db.prepare(`INSERT INTO ${RAW_TABLES[table]} (${LOG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertAll = this.db.transaction((batch: readonly LogRow[]) => {
      for (const row of batch) insert.run(...row);
    });
    return replayAppends(
      workload,
      rows,
      { prepare: (batch) => batch, commit: async (batch) => void insertAll.immediate(batch) },
      (line) => progress(`raw (${table}) ${line}`),
      { fill: table === 'plain' },
    );
  }

  async scan(workload: Workload, progress: (line: string) => void): Promise<Rate> {
    const select = this.db.prepare<[number, number], { position: number }>(
      `SELECT * FROM ${RAW_TABLES.plain} WHERE position > ? ORDER BY position LIMIT ?`,
    );
    const scan = await scanRate(workload, async (after, limit) => {
      const page = select.all(after, limit);
      return { count: page.length, lastPosition: page.at(-1)?.position ?? after };
    });
    progress(`raw SELECT scan: ${scan.runs.map(Math.round).join(', ')} events/s`);
    return scan;
  }

  version(): string {
    return this.db.prepare<[], { version: string }>('SELECT sqlite_version() AS version').get()!.version;
  }

  close(): void {
    this.db.close();
  }
}
