import { openJudgeCheckpointStore } from '@customs-pulse/alerts/checkpoint';
import type { CustomsPulseConfig } from '@customs-pulse/config';
import type { Clock } from '@customs-pulse/domain';
import { AlertJournal, AlertRulesObserver, AlertRulesReadiness, AlertsModule, PROMETHEUS_ALERT_RULES_METRICS } from '@customs-pulse/alerts';
import { AuditModule } from '@customs-pulse/audit/api';
import { AuthModule } from '@customs-pulse/auth';
import type { EventStore } from '@customs-pulse/event-store';
import { EventStoreModule } from '@customs-pulse/event-store/nest';
import { ClockModule, DashboardModule, HealthController, MetricsModule, READINESS_CHECKS } from '@customs-pulse/http';
import { INGEST_QUALITY_TALLY, IngestModule, KafkaIngestTransport, ingestQualityTallySettingsFor, PROMETHEUS_INGEST_METRICS } from '@customs-pulse/ingest';
import { TargetWatch } from '@customs-pulse/kpi';
import { KpiModule, KpiProjectionReadiness, PROMETHEUS_PROJECTION_METRICS, TargetPlanReadiness, TargetsModule } from '@customs-pulse/kpi/api';
import { InProcessNotifier, LiveHub, PROMETHEUS_LIVE_PUSH_METRICS, RealtimeModule } from '@customs-pulse/realtime';
import { Module, type DynamicModule } from '@nestjs/common';
import { fileURLToPath } from 'node:url';
import { SimulationModule } from './simulation/simulation.module.js';

/**
 * The built dashboard (`npm run build` builds it): `apps/dashboard/dist`, found from this file, which sits two
 * folders below `apps/` both as a source (`src/`) and compiled (`dist/`).
 */
export const DASHBOARD_DIST = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

/** Options of {@link StandaloneModule.forRoot} beyond the configuration. */
export interface StandaloneOptions {
  /** The built dashboard served at `/`. @defaultValue {@link DASHBOARD_DIST} */
  readonly dashboardDir?: string;
  /**
   * The app's one clock: `CLOCK`, the event store's `recordedAt` and the simulator's start. Tests pin it, since the
   * current window, the future-skew rule and the simulated working day all depend on the hour.
   * @defaultValue the system clock
   */
  readonly clock?: Clock;
  /**
   * What the app uses in place of the event store it opens: an end-to-end test holds the log back with it, to see
   * the app while its projection waits. @defaultValue the store itself
   */
  readonly eventStore?: (store: EventStore) => EventStore;
}

/** Everything in one process on the embedded SQLite store: the demo and single-site deployments. */
@Module({})
export class StandaloneModule {
  static forRoot(config: CustomsPulseConfig, jwtSecret: string, options: StandaloneOptions = {}): DynamicModule {
    // What hears of each KPI commit, named here: a module left out below fails the start instead of silencing it.
    const kpiModule = KpiModule.forRoot({
      readModel: config.kpi.readModel,
      releaseTargetHours: config.kpi.releaseTargetHours,
      readyMaxLagSeconds: config.kpi.readyMaxLagSeconds,
      heldSubjects: config.kpi.heldSubjects,
      heldBuckets: config.kpi.heldBuckets,
      epochEvents: config.kpi.epochEvents,
      ingestQuality: INGEST_QUALITY_TALLY,
      notifier: InProcessNotifier, // RealtimeModule: straight to this process's live clients
      commitObservers: [AlertRulesObserver, TargetWatch], // AlertsModule: the alert rules; TargetsModule: strategic targets
      thresholds: AlertJournal, // AlertsModule: the thresholds GET /api/kpis shows
    });
    return {
      module: StandaloneModule,
      imports: [
        ClockModule.forRoot(options.clock),
        MetricsModule.forRoot({ adapters: [PROMETHEUS_INGEST_METRICS, PROMETHEUS_PROJECTION_METRICS, PROMETHEUS_LIVE_PUSH_METRICS, PROMETHEUS_ALERT_RULES_METRICS] }),
        EventStoreModule.forRoot(config.eventStore, options.clock, options.eventStore),
        AuthModule.forRoot({ jwtSecret, ...config.accessTokens }),
        IngestModule.forRoot({
          reportingCurrency: config.reportingCurrency,
          ...(config.kafka ? { kafka: config.kafka } : {}),
          qualityTally: ingestQualityTallySettingsFor(config.eventStore, config.database),
        }),
        kpiModule,
        // The same object, so the gateway reads its snapshots from this app's one projection.
        RealtimeModule.forRoot({ kpis: kpiModule }),
        // Alert changes go to this process's live risk clients.
        AlertsModule.forRoot({ rules: config.alerts, publisher: LiveHub, judgeCheckpoints: () => openJudgeCheckpointStore(config.kpi.readModel) }),
        // Target changes and progress go to this process's live operators.
        TargetsModule.forRoot({ kpis: kpiModule, settings: { windowDays: config.targets.windowDays, minObservations: config.alerts.minObservations }, publisher: LiveHub }),
        AuditModule.forRoot(),
        DashboardModule.forRoot({ root: options.dashboardDir ?? DASHBOARD_DIST }),
        ...(config.simulation ? [SimulationModule.forRoot(config.simulation, config.reportingCurrency, kpiModule)] : []),
      ],
      controllers: [HealthController],
      providers: [
        {
          provide: READINESS_CHECKS,
          inject: [KpiProjectionReadiness, AlertRulesReadiness, TargetPlanReadiness, { token: KafkaIngestTransport, optional: true }],
          useFactory: (kpis: KpiProjectionReadiness, alerts: AlertRulesReadiness, targets: TargetPlanReadiness, kafka: KafkaIngestTransport | undefined) =>
            kafka ? [kpis, alerts, targets, kafka] : [kpis, alerts, targets],
        },
      ],
    };
  }
}
