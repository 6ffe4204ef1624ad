import { type AlertChange, type AlertNotice, type AlertPublisher } from '@customs-pulse/alerts';
import { type KpiUpdate } from '@customs-pulse/kpi';

import { RoomCoalescer } from '../coalescing/room-coalescer.js';
import { RISK_ROOM, kpiRoom } from '../subscriptions/live-rooms.js';
import { type LivePushMetrics, SILENT_LIVE_PUSH_METRICS } from './live-push-metrics.port.js';
import { type LiveRooms } from './live-rooms.port.js';

/** The event a changed current value is pushed as (api.md). */
export const KPI_UPDATED = 'kpi.updated';

/** Options of a {@link LiveHub}. */
export interface LiveHubOptions {
  /** Least time between two `kpi.updated` of one KPI and slice: 250 ms is api.md's 4 a second. @defaultValue 250 */
  readonly coalesceMs?: number;
  /** Told of each change handed over. @defaultValue {@link SILENT_LIVE_PUSH_METRICS} */
  readonly metrics?: Pick<LivePushMetrics, 'kpiUpdatesReceived'>;
}

/**
 * What a node pushes to its live clients: KPI changes, coalesced per (KPI, slice) room, and alert changes, to the
 * risk room as they come. Notifier adapters feed it (in-process when standalone, a Kafka consumer per gateway when
 * distributed); the gateway attaches its rooms and stops it when the node goes down.
 */
export class LiveHub implements AlertPublisher {
  private rooms: LiveRooms | null = null;
  private stopped = false;
  private readonly coalescer: RoomCoalescer<KpiUpdate>;
  private readonly metrics: Pick<LivePushMetrics, 'kpiUpdatesReceived'>;

  constructor(options: LiveHubOptions = {}) {
    this.metrics = options.metrics ?? SILENT_LIVE_PUSH_METRICS;
    this.coalescer = new RoomCoalescer((room, update) => this.rooms?.emit(room, KPI_UPDATED, update), { intervalMs: options.coalesceMs });
  }

  /** Connects the gateway's rooms. Until then pushes reach nobody, which is right: nobody can be connected yet. */
  attach(rooms: LiveRooms): void {
    this.rooms = rooms;
  }

  /** Pushes each changed current value to the room of its KPI and slice, at most once per interval per room. */
  pushKpiUpdates(updates: readonly KpiUpdate[]): void {
    this.metrics.kpiUpdatesReceived(updates.length);
    const rooms = this.rooms;
    if (rooms === null || this.stopped) return;
    for (const update of updates) {
      const room = kpiRoom(update.kpiId, update.filters);
      // A commit changes every slice its declarations count in; most have no watcher and cost no throttling state.
      if (rooms.has(room)) this.coalescer.offer(room, update);
    }
  }

  /**
   * Pushes an alert change (`alert.raised|updated|resolved`) to the clients with the role `risk`, at once: an alert
   * is an event to see, not a value that a newer one replaces.
   */
  publishAlert(change: AlertChange, alert: AlertNotice): void {
    if (this.stopped) return;
    this.rooms?.emit(RISK_ROOM, `alert.${change}`, alert);
  }

  /** Drops pending pushes and sends no more: the node is going down. */
  stop(): void {
    this.stopped = true;
    this.coalescer.stop();
  }
}
