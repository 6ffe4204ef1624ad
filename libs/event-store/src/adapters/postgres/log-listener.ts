import pg from 'pg';
import type { AppendNotifications } from '../../append-notifications.js';

/**
 * One LISTEN connection per store that wakes subscriptions as soon as any process commits an append. If it drops,
 * subscriptions still poll; the next wait reconnects it.
 */
export class LogListener {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
    private readonly notifications: AppendNotifications,
  ) {}

  /** Starts listening if not already; never rejects (polling covers the gap). */
  ensureListening(): Promise<void> {
    if (this.stopped || this.client || this.connecting) return this.connecting ?? Promise.resolve();
    this.connecting = this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    // A connection still being made would otherwise be set up after we stopped, and keep the process alive.
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.config);
    const drop = (): void => {
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', () => this.notifications.notify());
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      if (this.stopped) drop();
      else this.client = client;
    } catch {
      drop();
    }
  }
}
