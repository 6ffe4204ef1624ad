import { AppendNotifications } from '../../append-notifications.js';
import type { AppendResult, EventStore, StreamWrite, SubscribeOptions } from '../../event-store.port.js';
import type { ExpectedRevision } from '../../expected-revision.js';
import { subscribeToLog } from '../../log-subscription.js';
import type { EventToAppend, LogHead, Position, RecordedEvent } from '../../recorded-event.js';
import { appendToKurrentDbLog, type KurrentDbAppendContext } from './append-to-kurrentdb-log.js';
import { DEFAULT_APPEND_RETRY, type AppendRetryPolicy } from './append-retry.js';
import { connectKurrentDb, type KurrentDbConnection } from './kurrentdb-connection.js';
import { asStoreError } from './kurrentdb-failures.js';
import { KurrentDbLogWatch } from './kurrentdb-log-watch.js';
import { readKurrentStream } from './kurrentdb-reads.js';
import { recordedEventFrom } from './kurrentdb-records.js';
import { streamNamesFor, type KurrentDbStreamNames } from './kurrentdb-stream-names.js';
import { readLogHead } from './read-log-head.js';

export interface KurrentDbEventStoreOptions {
  /** e.g. `kurrentdb://127.0.0.1:2113?tls=false`; the deprecated `esdb://` form works too. */
  readonly connectionString: string;
  /**
   * Starts the name of every stream the store writes (`<prefix>.log`, `<prefix>.stream.<stream>`,
   * `<prefix>.dedupe.<sha256>`): stores with different prefixes share a server without seeing each other.
   * @defaultValue `'customs-pulse'`
   */
  readonly prefix?: string;
  /** @defaultValue the system clock */
  readonly clock?: { now(): Date };
  /** How often a waiting subscription reads again if no append was seen. @defaultValue 1000 */
  readonly pollIntervalMs?: number;
  /** How an append that lost the race for the log's head tries again. @defaultValue {@link DEFAULT_APPEND_RETRY} */
  readonly appendRetry?: Partial<AppendRetryPolicy>;
}

/**
 * The event store on KurrentDB 25.1 or later, for the distributed deployment. One KurrentDB stream is the global
 * log (position = its revision + 1), every append a multi-stream append that also writes the event's copy into its
 * stream and a dedupe record per `(source, id)` (see README, "KurrentDB").
 */

/** Log events read at once while filtering by type. */
const KURRENT_FILTER_PAGE = 1_000;
export class KurrentDbEventStore implements EventStore {
  readonly notifications = new AppendNotifications();
  readonly pollIntervalMs: number;
  private readonly closing = new AbortController();
  private readonly names: KurrentDbStreamNames;
  private readonly appendContext: KurrentDbAppendContext;
  private readonly watch: KurrentDbLogWatch;
  /** This process's appends go one at a time: run together they would only race each other for the log's head. */
  private appendQueue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly connection: KurrentDbConnection,
    options: Omit<KurrentDbEventStoreOptions, 'connectionString'>,
  ) {
    this.names = streamNamesFor(options.prefix);
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    const clock = options.clock ?? { now: () => new Date() };
    this.appendContext = {
      connection,
      names: this.names,
      now: () => clock.now(),
      retry: { ...DEFAULT_APPEND_RETRY, ...options.appendRetry },
      closed: this.closing.signal,
    };
    this.watch = new KurrentDbLogWatch(connection, this.names.log, this.notifications);
  }

  /** Connects and reads the log's head, so that a server out of reach fails here rather than at the first append. */
  static async open(options: KurrentDbEventStoreOptions): Promise<KurrentDbEventStore> {
    return KurrentDbEventStore.openOn(connectKurrentDb(options.connectionString), options);
  }

  /** {@link KurrentDbEventStore.open} on a connection already made (the unit specs' in-memory stand-in). */
  static async openOn(connection: KurrentDbConnection, options: Omit<KurrentDbEventStoreOptions, 'connectionString'> = {}): Promise<KurrentDbEventStore> {
    const store = new KurrentDbEventStore(connection, options);
    try {
      await store.guarded('open', () => readLogHead(connection, store.names));
    } catch (error) {
      await connection.dispose().catch(() => undefined);
      throw error;
    }
    return store;
  }

  get closed(): AbortSignal {
    return this.closing.signal;
  }

  async append(stream: string, events: readonly EventToAppend[], expected: ExpectedRevision = 'any'): Promise<AppendResult> {
    const [result] = await this.appendMany([{ stream, events, expected }]);
    return result!;
  }

  appendMany(writes: readonly StreamWrite[]): Promise<AppendResult[]> {
    const appended = this.appendQueue.then(() =>
      this.guarded('append', async () => {
        const plan = await appendToKurrentDbLog(this.appendContext, writes);
        if (plan.rows.length > 0) this.notifications.notify();
        return plan.results;
      }),
    );
    this.appendQueue = appended.catch(() => undefined);
    return appended;
  }

  async readStream(stream: string, options: { readonly fromRevision?: number; readonly limit?: number } = {}): Promise<RecordedEvent[]> {
    if (options.limit !== undefined && options.limit <= 0) return [];
    return this.guarded('readStream', async () => {
      const stored = await readKurrentStream(this.connection, this.names.subject(stream), {
        fromRevision: BigInt(Math.max(0, options.fromRevision ?? 0)),
        ...(options.limit === undefined ? {} : { maxCount: options.limit }),
      });
      return stored.map((event) => recordedEventFrom(event, 'stream'));
    });
  }

  async readAll(afterPosition: Position, limit: number): Promise<RecordedEvent[]> {
    if (limit <= 0) return [];
    return this.guarded('readAll', async () => {
      // Position p is log revision p - 1: the first event after `afterPosition` is at revision `afterPosition`.
      const stored = await readKurrentStream(this.connection, this.names.log, { fromRevision: BigInt(Math.max(0, afterPosition)), maxCount: limit });
      return stored.map((event) => recordedEventFrom(event, 'log'));
    });
  }

  /**
   * The log stream read and filtered here, page by page: the adapter keeps one stream for the global log, and a
   * server-side filter by type would read it as whole on the server too. A stream per type is the next step if the
   * system's journals ever take long to load on KurrentDB.
   */
  async readAllOfTypes(types: readonly string[], afterPosition: Position, limit: number): Promise<RecordedEvent[]> {
    const wanted = new Set(types);
    const found: RecordedEvent[] = [];
    for (let after = afterPosition; found.length < limit; ) {
      const page = await this.readAll(after, KURRENT_FILTER_PAGE);
      const last = page.at(-1);
      if (last === undefined) break;
      for (const event of page) if (wanted.has(event.type) && found.length < limit) found.push(event);
      after = last.position;
    }
    return found;
  }

  subscribeAll(afterPosition: Position, options?: SubscribeOptions): AsyncIterable<readonly RecordedEvent[]> {
    this.watch.ensureWatching();
    return subscribeToLog(this, afterPosition, options);
  }

  async head(): Promise<LogHead> {
    return this.guarded('head', () => readLogHead(this.connection, this.names));
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    await this.watch.stop();
    await this.appendQueue;
    await this.connection.dispose();
  }

  /** Runs a KurrentDB call, reporting a failure that a retry may cure as `EventStoreUnavailableError`. */
  private async guarded<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw asStoreError(error, operation);
    }
  }
}
