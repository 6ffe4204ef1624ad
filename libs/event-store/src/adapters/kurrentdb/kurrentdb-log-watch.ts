import { END } from '@kurrent/kurrentdb-client';
import type { AppendNotifications } from '../../append-notifications.js';
import type { KurrentDbConnection, StreamWatch } from './kurrentdb-connection.js';

/**
 * One live subscription to the log stream per store, so that subscriptions wake as soon as any process appends.
 * If it fails, subscriptions still poll; the next `subscribeAll` starts it again.
 */
export class KurrentDbLogWatch {
  private watch: StreamWatch | undefined;
  private stopped = false;

  constructor(
    private readonly connection: KurrentDbConnection,
    private readonly log: string,
    private readonly notifications: AppendNotifications,
  ) {}

  /** Starts watching if not already; never throws (polling covers the gap). */
  ensureWatching(): void {
    if (this.stopped || this.watch) return;
    let watch: StreamWatch;
    try {
      watch = this.connection.subscribeToStream(this.log, { fromRevision: END });
    } catch {
      return;
    }
    this.watch = watch;
    void this.forward(watch);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const watch = this.watch;
    this.watch = undefined;
    await watch?.unsubscribe().catch(() => undefined);
  }

  private async forward(watch: StreamWatch): Promise<void> {
    try {
      for await (const _event of watch) this.notifications.notify();
    } catch {
      // Dropped (server gone, connection reset): polling goes on, and the next subscribeAll watches again.
    } finally {
      if (this.watch === watch) this.watch = undefined;
    }
  }
}
