import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { WAL_CHECKPOINTER_THREAD } from './wal-checkpointer-thread.js';

/** Where a checkpointer reports that its thread failed. */
export interface WalCheckpointerLogger {
  error(message: string): void;
}

/** SQLite's own threshold (pages), which a connection goes back to when its checkpointer thread fails. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;
/** Between two checkpoints that readers kept from copying the whole WAL. */
const RETRY_MS = 1000;
/** How long the last checkpoint, at stop, waits for other connections' readers and writers. */
const CLOSE_BUSY_TIMEOUT_MS = 1000;

/**
 * Copies a connection's WAL into its database file from a thread of its own, so that the copy (a checkpoint, which
 * SQLite otherwise runs inside the COMMIT that passes `wal_autocheckpoint` pages, on the event loop) never holds the
 * event loop (architecture.md, guarantee 7). The connection's own checkpoints are turned off; after each commit,
 * {@link checkpointSoon} asks the thread, on its own connection to the same file, for a PASSIVE checkpoint: the
 * same kind SQLite runs itself, so the WAL is bounded as before, by readers letting go of old frames.
 *
 * Durability is the connection's (`openDurableSqlite`'s `syncs`): the thread's checkpoint syncs the WAL before it
 * copies it, and the database file before the WAL is reused, so a connection that does not sync its commits has them
 * synced here, off the event loop. Should the thread fail, the error is logged and the connection checkpoints itself
 * again; what the WAL holds is never lost, the next checkpoint or open copies it.
 */
export class WalCheckpointer {
  private running = true;
  private stopping = false;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly db: Database.Database,
    private readonly worker: Worker,
    logger: WalCheckpointerLogger,
  ) {
    let failure: string | undefined;
    this.exited = new Promise((resolve) => {
      worker.on('error', (error) => {
        failure = error.message;
      });
      worker.on('exit', (code) => {
        this.running = false;
        if (!this.stopping || code !== 0) {
          logger.error(
            `the WAL checkpointer of ${db.name} ended (${failure ?? `exit code ${code}`}): the connection's own ` +
              'checkpoints, or the next open, copy what its WAL holds',
          );
          this.checkpointInline();
        }
        resolve();
      });
    });
  }

  /**
   * Turns `db`'s own checkpoints off and starts its checkpointer thread. `db` must be a file (not `:memory:`) in WAL
   * mode, as `openDurableSqlite` opens it.
   */
  static start(db: Database.Database, logger: WalCheckpointerLogger): WalCheckpointer {
    db.pragma('wal_autocheckpoint = 0');
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WAL_CHECKPOINTER_THREAD, {
      eval: true,
      workerData: { driver, file: db.name, retryMs: RETRY_MS, closeBusyTimeoutMs: CLOSE_BUSY_TIMEOUT_MS },
    });
    // A connection left open must not keep the process alive: its WAL waits for the next open.
    worker.unref();
    return new WalCheckpointer(db, worker, logger);
  }

  /** Whether the thread runs: until {@link stop} ends it, or it fails. */
  get isRunning(): boolean {
    return this.running;
  }

  /** Asks for a checkpoint of what is committed; returns at once. A no-op once the thread has ended. */
  checkpointSoon(): void {
    if (this.running) this.worker.postMessage('checkpoint');
  }

  /**
   * Copies and truncates the WAL on the thread's connection, then ends the thread. Close `db` first: its close would
   * otherwise copy the WAL on the event loop if it were the file's last connection.
   */
  stop(): Promise<void> {
    this.stopping = true;
    if (this.running) {
      // Held until it has ended: an unreferenced thread would let the process exit with the WAL still to empty.
      this.worker.ref();
      this.worker.postMessage('stop');
    }
    return this.exited;
  }

  /** The fallback once the thread is gone: SQLite checkpoints inside the commits again, on the event loop. */
  private checkpointInline(): void {
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
  }
}
