import { openDurableSqlite } from '@customs-pulse/sql/sqlite';
import type Database from 'better-sqlite3';
import { isEmptyQualityCounts } from '../../ingest-quality-counts.js';
import { ingestQualitySummary } from '../../ingest-quality-summary.js';
import type { IngestQualityCounts, IngestQualitySummary, IngestQualityTally } from '../../ingest-quality-tally.port.js';
import { placeWithinReasonCap } from '../../rejection-reason-cap.js';
import { sqliteIngestQualityMigrations } from './sqlite-ingest-quality-schema.js';

export interface SqliteIngestQualityTallyOptions {
  /**
   * The database file, apart from the event store's: a tally write then never holds the store's write lock, which
   * SQLite grants one writer at a time. Its folder is created if missing. `:memory:` for a throwaway tally.
   */
  readonly file: string;
}

const ADD_TO_TOTAL = `INSERT INTO ingest_quality_totals (counter, count) VALUES (?, ?)
  ON CONFLICT (counter) DO UPDATE SET count = count + excluded.count`;
const ADD_TO_REASON = `INSERT INTO ingest_rejection_reasons (reason, count) VALUES (?, ?)
  ON CONFLICT (reason) DO UPDATE SET count = count + excluded.count`;

/** The standalone app's tally: one SQLite file next to the event store's, in WAL mode. */
export class SqliteIngestQualityTally implements IngestQualityTally {
  private readonly addToTotal: Database.Statement<[string, number]>;
  private readonly addToReason: Database.Statement<[string, number]>;
  private readonly reasons: Database.Statement<[], { reason: string; count: number }>;
  private readonly totals: Database.Statement<[], { counter: string; count: number }>;

  private constructor(private readonly db: Database.Database) {
    this.addToTotal = db.prepare(ADD_TO_TOTAL);
    this.addToReason = db.prepare(ADD_TO_REASON);
    this.reasons = db.prepare('SELECT reason, count FROM ingest_rejection_reasons');
    this.totals = db.prepare('SELECT counter, count FROM ingest_quality_totals');
  }

  /** Opens (creating if needed) the tally in `options.file` and brings its schema up to date. */
  static open(options: SqliteIngestQualityTallyOptions): SqliteIngestQualityTally {
    // A tally is not evidence: a power cut may cost its last commits, but no write stops the event loop for an
    // fsync (better-sqlite3 writes synchronously). A crash of the process costs nothing.
    const db = openDurableSqlite(options.file, sqliteIngestQualityMigrations, { syncs: 'checkpoints' });
    return new SqliteIngestQualityTally(db);
  }

  async record(counts: IngestQualityCounts): Promise<void> {
    if (isEmptyQualityCounts(counts)) return;
    // IMMEDIATE: the reasons kept are read under the write lock, so that two processes cannot both take the last
    // place under the cap.
    this.db
      .transaction(() => {
        const kept = new Set(this.reasons.all().map(({ reason }) => reason));
        for (const [reason, count] of placeWithinReasonCap(counts.rejectedByReason, kept)) this.addToReason.run(reason, count);
        this.addToTotal.run('rejected', counts.rejected);
        this.addToTotal.run('duplicates', counts.duplicates);
      })
      .immediate();
  }

  async read(): Promise<IngestQualitySummary> {
    // One read transaction, so that the totals and the reasons are of the same moment.
    return this.db
      .transaction(() => {
        const totals = new Map(this.totals.all().map(({ counter, count }) => [counter, count]));
        const reasons = this.reasons.all().map(({ reason, count }) => [reason, count] as const);
        const [rejected, duplicates] = [totals.get('rejected') ?? 0, totals.get('duplicates') ?? 0];
        return ingestQualitySummary({ rejected, duplicates }, reasons);
      })
      .deferred();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
