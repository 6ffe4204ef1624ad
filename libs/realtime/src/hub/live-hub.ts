import { type AlertChange, type AlertNotice, type AlertPublisher } from '@customs-pulse/alerts';
import { type KpiUpdate, type TargetPublisher, type TargetUpdate } from '@customs-pulse/kpi';

import { RoomCoalescer } from '../coalescing/room-coalescer.js';
import { OPERATOR_ROOM, RISK_ROOM, kpiRoom } from '../subscriptions/live-rooms.js';
import { type LivePushMetrics, SILENT_LIVE_PUSH_METRICS } from './live-push-metrics.port.js';
import { type LiveRooms } from './live-rooms.port.js';

/** The event a changed current value is pushed as (api.md). */
export const KPI_UPDATED = 'kpi.updated';

/** The event a strategic target with its progress is pushed as (api.md, targets-and-reports.md). */
export const TARGET_UPDATED = 'target.updated';

/** Options of a {@link LiveHub}. */
export interface LiveHubOptions {
  /** Least time between two `kpi.updated` of one KPI and slice, and two `target.updated` of one target: 250 ms is 4 a second. @defaultValue 250 */
  readonly coalesceMs?: number;
  /** Told of each change handed over. @defaultValue {@link SILENT_LIVE_PUSH_METRICS} */
  readonly metrics?: Pick<LivePushMetrics, 'kpiUpdatesReceived'>;
}

/**
 * What a node pushes to its live clients: KPI changes, coalesced per (KPI, slice) room, alert changes, to the risk
 * room as they come, and strategic targets, coalesced per target, to every client (each has the role operator). Notifier adapters feed it (in-process when standalone, a Kafka consumer per gateway when
 * distributed); the gateway attaches its rooms and stops it when the node goes down.
 */
export class LiveHub implements AlertPublisher, TargetPublisher {
  private rooms: LiveRooms | null = null;
  private stopped = false;
  private readonly coalescer: RoomCoalescer<KpiUpdate>;
  /** Keyed by target id rather than by room: the throttle is per target, the room is every operator's. */
  private readonly targetCoalescer: RoomCoalescer<TargetUpdate>;
  private readonly metrics: Pick<LivePushMetrics, 'kpiUpdatesReceived'>;

  constructor(options: LiveHubOptions = {}) {
    this.metrics = options.metrics ?? SILENT_LIVE_PUSH_METRICS;
    this.coalescer = new RoomCoalescer((room, update) => this.rooms?.emit(room, KPI_UPDATED, update), { intervalMs: options.coalesceMs });
    this.targetCoalescer = new RoomCoalescer((_targetId, update) => this.rooms?.emit(OPERATOR_ROOM, TARGET_UPDATED, update), { intervalMs: options.coalesceMs });
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

  /**
   * Pushes each target (`target.updated`) to every client, at most once per interval per target, the latest always
   * delivered: what is news was decided by the watch that judged it.
   */
  async publishTargetUpdates(updates: readonly TargetUpdate[]): Promise<void> {
    if (this.stopped || this.rooms === null) return;
    for (const update of updates) this.targetCoalescer.offer(update.id, update);
  }

  /** Drops pending pushes and sends no more: the node is going down. */
  stop(): void {
    this.stopped = true;
    this.coalescer.stop();
    this.targetCoalescer.stop();
  }
}
