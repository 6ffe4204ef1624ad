/** Dependency-injection token for the {@link LivePushMetrics} port. */
export const LIVE_PUSH_METRICS = Symbol('LivePushMetrics');

/** Who a node pushes to, as counted at one moment. */
export interface LiveAudience {
  /** Clients connected to `/live` on this node. */
  readonly clients: number;
  /** (client, KPI and slice) pairs: each KPI a client follows under each slice it subscribed to. */
  readonly subscriptions: number;
}

/**
 * Where live push reports its figures for operations (`GET /metrics`). The audience is read when metrics are scraped,
 * through {@link LivePushMetrics.follow}; the other calls are on the push path and only add to counters in memory: an
 * adapter must never throw, wait or slow a push. Without an adapter, {@link SILENT_LIVE_PUSH_METRICS}.
 */
export interface LivePushMetrics {
  /** How to count the node's audience; read again at each scrape. Called once, when the gateway is listening. */
  follow(audience: () => LiveAudience): void;
  /** The node's notifier (in-process, or the KPI updates topic on a gateway) handed over `count` changed values. */
  kpiUpdatesReceived(count: number): void;
  /** `event` (`kpi.updated`, `alert.raised`, ...) was sent to `clients` clients: one frame each. */
  framesSent(event: string, clients: number): void;
}

/** Reports nothing: for an app or a test that exposes no metrics. */
export const SILENT_LIVE_PUSH_METRICS: LivePushMetrics = {
  follow: () => undefined,
  kpiUpdatesReceived: () => undefined,
  framesSent: () => undefined,
};
