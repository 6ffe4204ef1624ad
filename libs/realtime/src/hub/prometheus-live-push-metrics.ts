import { Counter, Gauge, type Registry } from 'prom-client';
import { METRIC_PREFIX, METRICS_REGISTRY } from '@customs-pulse/http';
import type { FactoryProvider } from '@nestjs/common';
import { LIVE_PUSH_METRICS, type LivePushMetrics } from './live-push-metrics.port.js';

/** Who a node pushes to, as libs/realtime counts it (its `LiveAudience`). */
export interface LiveAudienceFigures {
  readonly clients: number;
  readonly subscriptions: number;
}

/** The events pushed (api.md, "Live push"), counted from the start so that a rate over them exists at once. */
const PUSHED_EVENTS = ['kpi.updated', 'alert.raised', 'alert.updated', 'alert.resolved'] as const;

/**
 * libs/realtime's `LivePushMetrics` port on prom-client: the audience read when scraped, frames sent and KPI changes
 * received counted as they happen.
 */
export class PrometheusLivePushMetrics implements LivePushMetrics {
  private audience: (() => LiveAudienceFigures) | null = null;
  private readonly frames: Counter<'event'>;
  private readonly kpiUpdates: Counter;

  constructor(registry: Registry) {
    const registers = [registry];
    const audienceGauge = (name: string, help: string, figure: keyof LiveAudienceFigures): void => {
      const audience = (): LiveAudienceFigures => this.audience?.() ?? { clients: 0, subscriptions: 0 };
      new Gauge({
        name: `${METRIC_PREFIX}${name}`,
        help,
        registers,
        collect() {
          this.set(audience()[figure]);
        },
      });
    };
    audienceGauge('live_clients', 'Clients connected to /live on this node', 'clients');
    audienceGauge('live_subscriptions', 'KPI and slice subscriptions of the clients on this node (one per client, KPI and slice)', 'subscriptions');
    this.frames = new Counter({
      name: `${METRIC_PREFIX}live_frames_sent_total`,
      help: 'Frames pushed to live clients, one per client reached, by event (kpi.updated, alert.raised, alert.updated, alert.resolved)',
      labelNames: ['event'],
      registers,
    });
    this.kpiUpdates = new Counter({
      name: `${METRIC_PREFIX}live_kpi_updates_received_total`,
      help: "Changed KPI values this node's notifier handed to live push (in-process, or from the KPI updates topic on a gateway)",
      registers,
    });
    for (const event of PUSHED_EVENTS) this.frames.inc({ event }, 0);
  }

  follow(audience: () => LiveAudienceFigures): void {
    this.audience = audience;
  }

  kpiUpdatesReceived(count: number): void {
    this.kpiUpdates.inc(count);
  }

  framesSent(event: string, clients: number): void {
    this.frames.inc({ event }, clients);
  }
}

/** Binds `LIVE_PUSH_METRICS` to prom-client in the app's registry: for `MetricsModule.forRoot({ adapters })`. */
export const PROMETHEUS_LIVE_PUSH_METRICS: FactoryProvider<LivePushMetrics> = {
  provide: LIVE_PUSH_METRICS,
  inject: [METRICS_REGISTRY],
  useFactory: (registry: Registry) => new PrometheusLivePushMetrics(registry),
};
