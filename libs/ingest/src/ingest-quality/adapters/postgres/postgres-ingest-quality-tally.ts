import { assertSchemaName, openMigratedPostgresPool } from '@customs-pulse/sql/postgres';
import type pg from 'pg';
import { isEmptyQualityCounts } from '../../ingest-quality-counts.js';
import { ingestQualitySummary } from '../../ingest-quality-summary.js';
import type { IngestQualityCounts, IngestQualitySummary, IngestQualityTally } from '../../ingest-quality-tally.port.js';
import { placeWithinReasonCap } from '../../rejection-reason-cap.js';
import { ingestQualityHistory } from './postgres-ingest-quality-schema.js';

export interface PostgresIngestQualityTallyOptions {
  /** e.g. `postgres://user@127.0.0.1:5432/customs`: the event store's database. */
  readonly connectionString: string;
  /** @defaultValue `'public'` */
  readonly schema?: string;
}

/** One row per counter or reason, read in one statement so that all are of the same snapshot. */
interface CountRow {
  readonly kind: 'total' | 'reason';
  readonly name: string;
  /** `bigint`, which pg hands over as text. */
  readonly count: string;
}

/**
 * The distributed deployment's tally: two tables in the event store's schema, written by every ingest worker.
 * Each write adds to the stored counts (`count = count + excluded.count`), so workers never overwrite each other.
 */
export class PostgresIngestQualityTally implements IngestQualityTally {
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
  ) {}

  /** Connects, creates the schema if needed and brings the tally's tables up to date. */
  static async open(options: PostgresIngestQualityTallyOptions): Promise<PostgresIngestQualityTally> {
    const schema = options.schema ?? 'public';
    assertSchemaName(schema);
    // Two connections: one write at a time comes from the recorder, and a read for the API may come meanwhile.
    const pool = await openMigratedPostgresPool(
      { connectionString: options.connectionString, max: 2, application_name: 'customs-pulse-ingest-quality' },
      ingestQualityHistory(schema),
    );
    return new PostgresIngestQualityTally(pool, schema);
  }

  async record(counts: IngestQualityCounts): Promise<void> {
    if (isEmptyQualityCounts(counts)) return;
    const { totals, reasons } = this.tables();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Serializes the writers of this tally, about one a second per ingest worker: the reasons kept are read and
      // extended by one at a time, so the cap holds exactly, and no two writers lock the same rows in turn.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`customs-pulse/ingest-quality/${this.schema}`]);
      const { rows } = await client.query<{ reason: string }>(`SELECT reason FROM ${reasons}`);
      const placed = placeWithinReasonCap(counts.rejectedByReason, new Set(rows.map(({ reason }) => reason)));
      if (placed.size > 0) {
        await client.query(
          `INSERT INTO ${reasons} (reason, count) SELECT * FROM unnest($1::text[], $2::bigint[])
           ON CONFLICT (reason) DO UPDATE SET count = ${reasons}.count + excluded.count`,
          [[...placed.keys()], [...placed.values()]],
        );
      }
      await client.query(
        `INSERT INTO ${totals} (counter, count) VALUES ('rejected', $1), ('duplicates', $2)
         ON CONFLICT (counter) DO UPDATE SET count = ${totals}.count + excluded.count`,
        [counts.rejected, counts.duplicates],
      );
      await client.query('COMMIT');
      client.release();
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      // A client whose connection may be broken goes back to the pool only to be destroyed.
      client.release(error as Error);
      throw error;
    }
  }

  async read(): Promise<IngestQualitySummary> {
    const { totals, reasons } = this.tables();
    const { rows } = await this.pool.query<CountRow>(
      `SELECT 'total' AS kind, counter AS name, count FROM ${totals}
       UNION ALL SELECT 'reason' AS kind, reason AS name, count FROM ${reasons}`,
    );
    const total = (counter: string): number =>
      Number(rows.find((row) => row.kind === 'total' && row.name === counter)?.count ?? 0);
    const byReason = rows.filter((row) => row.kind === 'reason').map((row) => [row.name, Number(row.count)] as const);
    return ingestQualitySummary({ rejected: total('rejected'), duplicates: total('duplicates') }, byReason);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private tables(): { totals: string; reasons: string } {
    return { totals: `"${this.schema}".ingest_quality_totals`, reasons: `"${this.schema}".ingest_rejection_reasons` };
  }
}
