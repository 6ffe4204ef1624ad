import { isTransientSqliteError } from '@customs-pulse/sql';
import { openDurableSqlite } from '@customs-pulse/sql/sqlite';
import type Database from 'better-sqlite3';
import { AppendNotifications } from '../../append-notifications.js';
import {
  dedupeKey,
  lookupsFor,
  planAppend,
  prepareWrites,
  type AppendPlan,
  type PreparedWrites,
  type StoredIdentity,
} from '../../append-plan.js';
import type { AppendResult, EventStore, StreamWrite, SubscribeOptions } from '../../event-store.port.js';
import type { ExpectedRevision } from '../../expected-revision.js';
import { GENESIS_HASH } from '../../hash-chain.js';
import { subscribeToLog } from '../../log-subscription.js';
import type { EventToAppend, LogHead, Position, RecordedEvent } from '../../recorded-event.js';
import { EventStoreUnavailableError } from '../../errors.js';
import { SQLITE_LIMITS } from './sqlite-limits.js';
import { sqliteMigrations } from './sqlite-schema.js';
import { toRecordedEvent } from './sqlite-rows.js';
import { prepareStatements, type SqliteStatements } from './sqlite-statements.js';

export interface SqliteEventStoreOptions {
  /** The database file; its folder is created if missing. `:memory:` for a throwaway store. */
  readonly file: string;
  /** @defaultValue the system clock */
  readonly clock?: { now(): Date };
  /**
   * How often a waiting subscription reads again without being told of an append: appends from this process wake
   * it at once, this covers another process writing the same file.
   * @defaultValue 250
   */
  readonly pollIntervalMs?: number;
  /** How long a write waits for another process's write lock before it fails as an outage. @defaultValue 5000 */
  readonly busyTimeoutMs?: number;
}

/**
 * The embedded event store: one SQLite file in WAL mode, `synchronous=FULL` so that a resolved append survives a
 * power cut, not just a crash. SQLite has one writer at a time, so appends are serialized by the database itself.
 */
export class SqliteEventStore implements EventStore {
  readonly notifications = new AppendNotifications();
  readonly pollIntervalMs: number;
  private readonly closing = new AbortController();
  private readonly clock: { now(): Date };
  private readonly statements: SqliteStatements;

  private constructor(private readonly db: Database.Database, options: SqliteEventStoreOptions) {
    this.clock = options.clock ?? { now: () => new Date() };
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.statements = prepareStatements(db);
  }

  /** Opens (creating if needed) the store in `options.file` and brings its schema up to date. */
  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    return new SqliteEventStore(openDurableSqlite(options.file, sqliteMigrations, { busyTimeoutMs: options.busyTimeoutMs }), options);
  }

  get closed(): AbortSignal {
    return this.closing.signal;
  }

  async append(stream: string, events: readonly EventToAppend[], expected: ExpectedRevision = 'any'): Promise<AppendResult> {
    const [result] = await this.appendMany([{ stream, events, expected }]);
    return result!;
  }

  async appendMany(writes: readonly StreamWrite[]): Promise<AppendResult[]> {
    // IMMEDIATE takes the write lock before reading the head, so no other process can append in between.
    // Canonical JSON and content hashes need nothing from the log: computed before the write lock is taken.
    const prepared = prepareWrites(writes, SQLITE_LIMITS);
    const plan = asOutage(() => this.db.transaction(() => this.planAndInsert(writes, prepared)).immediate());
    if (plan.rows.length > 0) this.notifications.notify();
    return plan.results;
  }

  async readStream(stream: string, options: { fromRevision?: number; limit?: number } = {}): Promise<RecordedEvent[]> {
    const rows = asOutage(() => this.statements.readStream.all(stream, options.fromRevision ?? 0, options.limit ?? -1));
    return rows.map(toRecordedEvent);
  }

  async readAll(afterPosition: Position, limit: number): Promise<RecordedEvent[]> {
    return asOutage(() => this.statements.readAll.all(afterPosition, limit)).map(toRecordedEvent);
  }

  async readAllOfTypes(types: readonly string[], afterPosition: Position, limit: number): Promise<RecordedEvent[]> {
    return asOutage(() => this.statements.readAllOfTypes.all(JSON.stringify(types), afterPosition, limit)).map(toRecordedEvent);
  }

  subscribeAll(afterPosition: Position, options?: SubscribeOptions): AsyncIterable<readonly RecordedEvent[]> {
    return subscribeToLog(this, afterPosition, options);
  }

  async head(): Promise<LogHead> {
    return asOutage(() => this.readHead());
  }

  async close(): Promise<void> {
    this.closing.abort();
    if (this.db.open) this.db.close();
  }

  private planAndInsert(writes: readonly StreamWrite[], prepared: PreparedWrites): AppendPlan {
    const { keys, streams } = lookupsFor(writes, prepared);
    const stored = new Map<string, StoredIdentity>();
    for (const { source, id } of keys) {
      const row = this.statements.stored.get(source, id);
      if (row) stored.set(dedupeKey(source, id), { position: row.position, contentHash: row.content_hash });
    }
    const streamRevisions = new Map<string, number>();
    for (const stream of streams) {
      const { revision } = this.statements.streamRevision.get(stream)!;
      if (revision !== null) streamRevisions.set(stream, revision);
    }
    const plan = planAppend(writes, { head: this.readHead(), stored, streamRevisions, now: this.clock.now() }, prepared);
    for (const { event, contentHash } of plan.rows) {
      this.statements.insert.run(
        event.position, event.stream, event.revision, event.source, event.id, event.type, event.subject, event.time,
        JSON.stringify(event.data), JSON.stringify(event.extensions), event.recordedAt, event.hash, contentHash,
      );
    }
    return plan;
  }

  private readHead(): LogHead {
    const row = this.statements.head.get();
    return row
      ? { position: row.position, hash: row.hash, recordedAt: row.recorded_at }
      : { position: 0, hash: GENESIS_HASH, recordedAt: null };
  }
}

/**
 * Runs `work`, reporting a SQLite failure a retry can cure (the write lock held past the busy timeout, a disk that
 * failed or filled) as `EventStoreUnavailableError`, as the other adapters report theirs: ingest answers 503 and
 * retries, and the alert judge waits it out, rather than take it for a fault of the events.
 */
function asOutage<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (isTransientSqliteError(error)) throw new EventStoreUnavailableError(`the SQLite event store is unavailable: ${(error as Error).message}`, { cause: error });
    throw error;
  }
}
