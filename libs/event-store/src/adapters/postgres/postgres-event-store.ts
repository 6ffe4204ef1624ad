import type { PostgresSessionLimits } from '@customs-pulse/sql';
import { assertSchemaName, openMigratedPostgresPool, type PostgresOutage, withPooledClient } from '@customs-pulse/sql/postgres';
import type pg from 'pg';
import { AppendNotifications } from '../../append-notifications.js';
import type { AppendResult, EventStore, StreamWrite, SubscribeOptions } from '../../event-store.port.js';
import { EventStoreUnavailableError } from '../../errors.js';
import type { ExpectedRevision } from '../../expected-revision.js';
import { subscribeToLog } from '../../log-subscription.js';
import type { EventToAppend, LogHead, Position, RecordedEvent } from '../../recorded-event.js';
import { appendToLog } from './append-to-log.js';
import { LogListener } from './log-listener.js';
import { connectionConfig } from './postgres-connection.js';
import { EVENT_SELECT, HEAD_SELECT, toLogHead, toRecordedEvent, type HeadRow, type PostgresEventRow } from './postgres-rows.js';
import { postgresMigrations } from './postgres-schema.js';

export interface PostgresEventStoreOptions {
  /** e.g. `postgres://user@127.0.0.1:5432/customs` */
  readonly connectionString: string;
  /** @defaultValue `'public'` */
  readonly schema?: string;
  /** Connections in the pool. @defaultValue 10 */
  readonly poolSize?: number;
  /** @defaultValue the system clock */
  readonly clock?: { now(): Date };
  /** How often a waiting subscription reads again if no notification came. @defaultValue 1000 */
  readonly pollIntervalMs?: number;
  /**
   * Time limits of the pool's sessions: a session stuck holding the append lock is ended by the server, and an
   * append waiting behind it fails transiently (`EventStoreUnavailableError`) instead of hanging.
   * @defaultValue `DEFAULT_POSTGRES_SESSION_LIMITS`
   */
  readonly sessionLimits?: PostgresSessionLimits;
}

const STORE_OUTAGE: PostgresOutage = {
  unreachable: (cause) => new EventStoreUnavailableError('PostgreSQL event store is unreachable', { cause }),
  failed: (cause) => new EventStoreUnavailableError('PostgreSQL event store failed; the operation may be retried', { cause }),
};

/** The event store on PostgreSQL, for the distributed deployment: several ingest workers append concurrently. */
export class PostgresEventStore implements EventStore {
  readonly notifications = new AppendNotifications();
  readonly pollIntervalMs: number;
  private readonly closing = new AbortController();
  private readonly listener: LogListener;
  private readonly clock: { now(): Date };
  private readonly channel: string;

  private constructor(private readonly pool: pg.Pool, config: pg.ClientConfig, options: PostgresEventStoreOptions, schema: string) {
    this.clock = options.clock ?? { now: () => new Date() };
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.channel = `customs_pulse_event_log_${schema}`;
    this.listener = new LogListener(config, this.channel, this.notifications);
  }

  /** Connects, creates the schema if needed and brings it up to date. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'public';
    assertSchemaName(schema);
    const config = connectionConfig(options.connectionString, schema);
    const pool = await openMigratedPostgresPool(
      { ...config, max: options.poolSize ?? 10 },
      { schema, table: 'schema_migrations', migrations: postgresMigrations },
      options.sessionLimits,
    );
    return new PostgresEventStore(pool, config, options, schema);
  }

  get closed(): AbortSignal {
    return this.closing.signal;
  }

  async append(stream: string, events: readonly EventToAppend[], expected: ExpectedRevision = 'any'): Promise<AppendResult> {
    const [result] = await this.appendMany([{ stream, events, expected }]);
    return result!;
  }

  async appendMany(writes: readonly StreamWrite[]): Promise<AppendResult[]> {
    const plan = await this.withClient((client) => appendToLog(client, writes, () => this.clock.now(), this.channel));
    if (plan.rows.length > 0) this.notifications.notify();
    return plan.results;
  }

  async readStream(stream: string, options: { fromRevision?: number; limit?: number } = {}): Promise<RecordedEvent[]> {
    return this.readEvents(
      `SELECT ${EVENT_SELECT} FROM event_log WHERE stream = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      [stream, options.fromRevision ?? 0, options.limit ?? null],
    );
  }

  async readAll(afterPosition: Position, limit: number): Promise<RecordedEvent[]> {
    const sql = `SELECT ${EVENT_SELECT} FROM event_log WHERE position > $1 ORDER BY position LIMIT $2`;
    return this.readEvents(sql, [afterPosition, limit]);
  }

  async readAllOfTypes(types: readonly string[], afterPosition: Position, limit: number): Promise<RecordedEvent[]> {
    const sql = `SELECT ${EVENT_SELECT} FROM event_log WHERE type = ANY($1::text[]) AND position > $2 ORDER BY position LIMIT $3`;
    return this.readEvents(sql, [types, afterPosition, limit]);
  }

  subscribeAll(afterPosition: Position, options?: SubscribeOptions): AsyncIterable<readonly RecordedEvent[]> {
    void this.listener.ensureListening();
    return subscribeToLog(this, afterPosition, options);
  }

  async head(): Promise<LogHead> {
    const { rows } = await this.query<HeadRow>(HEAD_SELECT);
    return toLogHead(rows[0]);
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    await this.listener.stop();
    await this.pool.end();
  }

  private async query<Row extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<pg.QueryResult<Row>> {
    return this.withClient((client) => client.query<Row>(sql, values));
  }

  /** Events selected with {@link EVENT_SELECT}, read as array rows (see {@link toRecordedEvent}). */
  private async readEvents(sql: string, values: unknown[]): Promise<RecordedEvent[]> {
    const { rows } = await this.withClient((client) => client.query<PostgresEventRow>({ text: sql, values, rowMode: 'array' }));
    return rows.map(toRecordedEvent);
  }

  private async withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return withPooledClient(this.pool, STORE_OUTAGE, work);
  }
}
