/**
 * @customs-pulse/realtime: live push (api.md, "Live push"): the socket.io gateway on `/live`, its rooms per KPI and
 * slice, coalescing, alert pushes to the `risk` role, and the notifier adapters that feed it.
 */
export { RealtimeModule, type RealtimeModuleOptions } from './realtime.module.js';
export { LiveHub, type LiveHubOptions, KPI_UPDATED, TARGET_UPDATED } from './hub/live-hub.js';
export { type LiveRooms } from './hub/live-rooms.port.js';
export * from './hub/live-push-metrics.port.js';
export { PROMETHEUS_LIVE_PUSH_METRICS, PrometheusLivePushMetrics } from './hub/prometheus-live-push-metrics.js';
export { InProcessNotifier } from './notifier/in-process-notifier.js';
export { LIVE_SNAPSHOTS, type LiveSnapshot, type LiveSnapshots, type LiveValue } from './snapshots/live-snapshots.port.js';
export { ProjectionSnapshots } from './snapshots/projection-snapshots.js';
export {
  LIVE_FILTERS,
  type LiveFilter,
  type LiveSubscription,
  type ParsedSubscription,
  type SubscriptionProblem,
  parseLiveSubscription,
} from './subscriptions/live-subscription.js';
export { OPERATOR_ROOM, RISK_ROOM, kpiRoom, roomsOf } from './subscriptions/live-rooms.js';
export { RoomCoalescer, type RoomCoalescerOptions, type RoomDelivery } from './coalescing/room-coalescer.js';
export { LIVE_NAMESPACE, LiveGateway, MAX_ROOMS_PER_CLIENT } from './gateway/live.gateway.js';
export { type LiveError, type SubscribeAck, type UnsubscribeAck } from './gateway/live-acks.js';
export { type LiveClient, LiveRefusal, admitLiveClient } from './gateway/live-handshake.js';
export { KafkaKpiUpdatesModule } from './notifier/kafka/kafka-kpi-updates.module.js';
export { type KafkaKpiUpdatesSettings } from './notifier/kafka/kafka-kpi-updates-settings.js';
export { KafkaKpiUpdatePublisher } from './notifier/kafka/kafka-kpi-update-publisher.js';
export { KafkaKpiUpdateListener } from './notifier/kafka/kafka-kpi-update-listener.js';
