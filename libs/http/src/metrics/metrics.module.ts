import { CLOCK, type Clock } from '@customs-pulse/domain';
import { EVENT_STORE, type EventStore } from '@customs-pulse/event-store';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { MetricsController } from './metrics.controller.js';
import { appMetricsRegistry, METRICS_REGISTRY } from './metrics-registry.js';
import { PrometheusIngestMetrics } from './prometheus-ingest-metrics.js';
import { PrometheusLivePushMetrics } from './prometheus-live-push-metrics.js';
import { PrometheusProjectionMetrics } from './prometheus-projection-metrics.js';

/**
 * The metrics ports of the app's libs that {@link MetricsModule} binds to its prom-client adapters. The app passes
 * the tokens because libs/http sits below those libs and cannot import them; naming one also says the app has that
 * part (an ingest worker reports no projection).
 */
export interface MetricsModuleOptions {
  /** libs/ingest's `INGEST_METRICS`: events by transport and outcome, append durations, dead letters. */
  readonly ingest?: symbol;
  /** libs/kpi's `KPI_PROJECTION_METRICS`: store head, applied position, lag, commits, rebuilds. Needs `EVENT_STORE`. */
  readonly projection?: symbol;
  /** libs/realtime's `LIVE_PUSH_METRICS`: live clients, subscriptions, frames sent, KPI changes received. */
  readonly push?: symbol;
}

/**
 * `GET /metrics` on the app's own registry, with Node's default metrics, and the prom-client adapters of the
 * metrics ports named in the options. Global, so that the libs' modules find those ports wherever they are imported.
 */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsModuleOptions = {}): DynamicModule {
    const bindings: Provider[] = [];
    if (options.ingest) {
      bindings.push({ provide: options.ingest, inject: [METRICS_REGISTRY], useFactory: (registry: Registry) => new PrometheusIngestMetrics(registry) });
    }
    if (options.projection) {
      bindings.push({
        provide: options.projection,
        inject: [METRICS_REGISTRY, EVENT_STORE, CLOCK],
        useFactory: (registry: Registry, store: EventStore, clock: Clock) => new PrometheusProjectionMetrics(registry, store, clock),
      });
    }
    if (options.push) {
      bindings.push({ provide: options.push, inject: [METRICS_REGISTRY], useFactory: (registry: Registry) => new PrometheusLivePushMetrics(registry) });
    }
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [{ provide: METRICS_REGISTRY, useFactory: appMetricsRegistry }, ...bindings],
      exports: [METRICS_REGISTRY, ...[options.ingest, options.projection, options.push].filter((token) => token !== undefined)],
    };
  }
}
