import { io, type Socket } from 'socket.io-client';
import type { Alert, KpiUpdate, KpiValue, SliceFilters, SubscribeAck, TargetUpdate } from '../api/api-types.js';

/** Wait before subscribing again after a 503 acknowledgement. */
const RESUBSCRIBE_DELAY_MS = 2_000;

/** How the live connection stands, for the header. */
export type LiveStatus = { readonly state: 'connecting' | 'live' | 'offline' } | { readonly state: 'refused'; readonly reason: string };

/** What the live client reports to the page. */
export interface LiveListener {
  /** The current values of every KPI under `filters`, with the position they stand for. */
  snapshot(position: number, values: readonly KpiValue[]): void;
  update(update: KpiUpdate): void;
  alert(change: 'raised' | 'updated' | 'resolved', alert: Alert): void;
  /** A strategic target's progress changed, or it was retired (`target.updated`). */
  target(update: TargetUpdate): void;
  status(status: LiveStatus): void;
}

/**
 * The page's one socket.io connection to `/live` (api.md, "Live push"): follows every KPI under the page's filters.
 * After a reconnection it subscribes again and takes the fresh snapshot, as api.md asks of a client.
 */
export class LiveClient {
  private readonly socket: Socket;
  private filters: SliceFilters = {};

  constructor(
    token: string,
    private readonly listener: LiveListener,
  ) {
    this.socket = io('/live', { auth: { token }, transports: ['websocket'] });
    listener.status({ state: 'connecting' });
    this.socket.on('connect', () => {
      listener.status({ state: 'live' });
      this.subscribe(this.filters);
    });
    this.socket.on('disconnect', () => listener.status({ state: 'offline' }));
    this.socket.on('connect_error', (error: Error & { data?: { status?: number } }) => {
      const status = error.data?.status;
      // A refused token stays refused: retrying would only repeat the refusal.
      if (status === 401 || status === 403) {
        this.socket.disconnect();
        listener.status({ state: 'refused', reason: error.message });
      } else listener.status({ state: 'offline' });
    });
    this.socket.on('kpi.updated', (update: KpiUpdate) => listener.update(update));
    this.socket.on('target.updated', (update: TargetUpdate) => listener.target(update));
    for (const change of ['raised', 'updated', 'resolved'] as const) this.socket.on(`alert.${change}`, (alert: Alert) => listener.alert(change, alert));
  }

  /** Follows every KPI under `filters` instead of the filters followed until now. */
  follow(filters: SliceFilters): void {
    const previous = this.filters;
    this.filters = filters;
    if (!this.socket.connected) return;
    this.socket.emit('unsubscribe', { kpis: '*', ...previous });
    this.subscribe(filters);
  }

  close(): void {
    this.socket.disconnect();
  }

  /** Subscribes again, unless the connection dropped (it subscribes on connecting) or the filters changed since. */
  private resubscribe(filters: SliceFilters): void {
    if (this.socket.connected && filters === this.filters) this.subscribe(filters);
  }

  private subscribe(filters: SliceFilters): void {
    this.socket.emit('subscribe', { kpis: '*', ...filters }, (ack: SubscribeAck) => {
      if (!('error' in ack)) this.listener.snapshot(ack.position, ack.values);
      // 503: the node cannot read its projection now, or is going down; it asks to subscribe again.
      else if (ack.error.status === 503) setTimeout(() => this.resubscribe(filters), RESUBSCRIBE_DELAY_MS);
      else this.listener.status({ state: 'refused', reason: `${ack.error.title}: ${ack.error.detail}` });
    });
  }
}
