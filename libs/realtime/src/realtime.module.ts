import { KpiAnswers } from '@customs-pulse/kpi';
import { Module, type DynamicModule } from '@nestjs/common';

import { LiveGateway } from './gateway/live.gateway.js';
import { LiveHub } from './hub/live-hub.js';
import { LIVE_PUSH_METRICS, type LivePushMetrics } from './hub/live-push-metrics.port.js';
import { InProcessNotifier } from './notifier/in-process-notifier.js';
import { LIVE_SNAPSHOTS } from './snapshots/live-snapshots.port.js';
import { ProjectionSnapshots } from './snapshots/projection-snapshots.js';

/** Options of {@link RealtimeModule.forRoot}. */
export interface RealtimeModuleOptions {
  /**
   * The app's KPI module: the very `KpiModule.forRoot(...)` object the app imports (the same object is the same
   * module, not a second projection). Its `KpiAnswers` give the snapshot of each subscription.
   */
  readonly kpis: DynamicModule;
  /** Least time between two `kpi.updated` of one KPI and slice. @defaultValue 250 (api.md: at most 4 a second) */
  readonly coalesceMs?: number;
}

/**
 * Live push in the process that projects the KPIs (standalone): the `/live` gateway on the app's HTTP port, the
 * {@link LiveHub} (which the app names as AlertsModule's publisher), and the {@link InProcessNotifier} that feeds it
 * (which the app names as KpiModule's notifier). Needs `AUTH_SECRET` and `ACCESS_TOKEN_POLICY` (AuthModule).
 */
@Module({})
export class RealtimeModule {
  /** The module with its gateway, hub and in-process notifier; import it once, in the app module. */
  static forRoot(options: RealtimeModuleOptions): DynamicModule {
    return {
      module: RealtimeModule,
      // Global, so that KpiModule and AlertsModule see the notifier and hub the app names in their options: their
      // scopes hold their own imports and the global modules, never a sibling the app module imports.
      global: true,
      imports: [options.kpis],
      providers: [
        {
          provide: LiveHub,
          inject: [{ token: LIVE_PUSH_METRICS, optional: true }],
          useFactory: (metrics?: LivePushMetrics) => new LiveHub({ coalesceMs: options.coalesceMs, metrics }),
        },
        { provide: InProcessNotifier, inject: [LiveHub], useFactory: (hub: LiveHub) => new InProcessNotifier(hub) },
        { provide: LIVE_SNAPSHOTS, inject: [KpiAnswers], useFactory: (answers: KpiAnswers) => new ProjectionSnapshots(answers) },
        LiveGateway,
      ],
      exports: [InProcessNotifier, LiveHub],
    };
  }
}
