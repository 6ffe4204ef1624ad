import { Module, type DynamicModule, type FactoryProvider } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { appMetricsRegistry, METRICS_REGISTRY } from './metrics-registry.js';

/** Options of {@link MetricsModule.forRoot}. */
export interface MetricsModuleOptions {
  /**
   * The prom-client adapters of the app's metrics ports, each from the lib that defines its port (libs/ingest's
   * `PROMETHEUS_INGEST_METRICS`, libs/kpi/api's `PROMETHEUS_PROJECTION_METRICS`, libs/realtime's
   * `PROMETHEUS_LIVE_PUSH_METRICS`); each injects `METRICS_REGISTRY`. Naming one also says the app has that part (an
   * ingest worker reports no projection).
   */
  readonly adapters?: readonly FactoryProvider[];
}

/**
 * `GET /metrics` on the app's own registry, with Node's default metrics, and the metrics adapters named in the
 * options. Global, so that the libs' modules find those ports wherever they are imported.
 */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsModuleOptions = {}): DynamicModule {
    const adapters = options.adapters ?? [];
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [{ provide: METRICS_REGISTRY, useFactory: appMetricsRegistry }, ...adapters],
      exports: [METRICS_REGISTRY, ...adapters.map(({ provide }) => provide)],
    };
  }
}
