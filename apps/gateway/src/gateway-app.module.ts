import { AlertDeliveryObserver, AlertJournal, AlertsModule } from '@customs-pulse/alerts';
import { AuditModule } from '@customs-pulse/audit/api';
import { AuthModule } from '@customs-pulse/auth';
import { ConfigError, type CustomsPulseConfig } from '@customs-pulse/config';
import { EventStoreModule } from '@customs-pulse/event-store/nest';
import { ClockModule, DashboardModule, HealthController, MetricsModule, READINESS_CHECKS } from '@customs-pulse/http';
import { INGEST_QUALITY_TALLY, IngestQualityTallyModule, ingestQualityTallySettingsFor } from '@customs-pulse/ingest';
import { TargetWatch } from '@customs-pulse/kpi';
import { KpiModule, KpiProjectionReadiness, PROMETHEUS_PROJECTION_METRICS, TargetPlanReadiness, TargetsModule } from '@customs-pulse/kpi/api';
import { KafkaKpiUpdateListener, KafkaKpiUpdatesModule, LiveHub, PROMETHEUS_LIVE_PUSH_METRICS, RealtimeModule } from '@customs-pulse/realtime';
import { Module, type DynamicModule } from '@nestjs/common';
import { fileURLToPath } from 'node:url';

/** The built dashboard, two folders below `apps/` from this file as a source and compiled. */
const DASHBOARD_DIST = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

/**
 * A distributed gateway: the REST queries, `/live` push, alerts, audit and the dashboard. It mirrors the projector's
 * active read model generation, its hot state and then the rows each commit stores (it writes no read model, and its
 * memory is as bounded as the projector's), and pushes the values the projector publishes on `customs.kpi-updates.v1`, read in a consumer group of its own. Scale out behind a load
 * balancer; socket.io needs sticky sessions only for its long-polling fallback.
 */
@Module({})
export class GatewayAppModule {
  static forRoot(config: CustomsPulseConfig, jwtSecret: string): DynamicModule {
    if (config.kafka === undefined) throw new ConfigError('KAFKA_BROKERS', 'is required by the gateway: KPI updates reach it over Kafka');
    // A follower publishes nothing (the projector's values arrive over Kafka) and judges no alert rule: the projector
    // alone does (guarantee 9), and this gateway only delivers the alert events it stored, as its mirror reads them.
    // A module left out fails the start instead of silencing it.
    const kpiModule = KpiModule.forRoot({
      readModel: config.kpi.readModel,
      releaseTargetHours: config.kpi.releaseTargetHours,
      readyMaxLagSeconds: config.kpi.readyMaxLagSeconds,
      ingestQuality: INGEST_QUALITY_TALLY,
      role: 'follower',
      // TargetWatch folds the target events the mirror reads, for GET /api/targets; it pushes nothing here.
      commitObservers: [AlertDeliveryObserver, TargetWatch],
      thresholds: AlertJournal,
    });
    return {
      module: GatewayAppModule,
      imports: [
        ClockModule,
        MetricsModule.forRoot({ adapters: [PROMETHEUS_PROJECTION_METRICS, PROMETHEUS_LIVE_PUSH_METRICS] }),
        EventStoreModule.forRoot(config.eventStore),
        AuthModule.forRoot({ jwtSecret, ...config.accessTokens }),
        IngestQualityTallyModule.forRoot(ingestQualityTallySettingsFor(config.eventStore, config.database)),
        kpiModule,
        RealtimeModule.forRoot({ kpis: kpiModule }),
        KafkaKpiUpdatesModule.listener({
          brokers: config.kafka.brokers,
          topic: config.kafka.kpiUpdatesTopic,
          clientId: 'customs-pulse-gateway',
          ...(config.kafka.gatewayGroupId ? { groupId: config.kafka.gatewayGroupId } : {}),
        }),
        AlertsModule.forRoot({ rules: config.alerts, publisher: LiveHub, judgeCheckpoints: null }),
        // The projector judges the targets; their pushes reach this gateway's hub over Kafka, with the KPI updates.
        TargetsModule.forRoot({ kpis: kpiModule, settings: { windowDays: config.targets.windowDays, minObservations: config.alerts.minObservations }, publisher: null }),
        AuditModule.forRoot(),
        DashboardModule.forRoot({ root: DASHBOARD_DIST }),
      ],
      controllers: [HealthController],
      providers: [
        {
          provide: READINESS_CHECKS,
          inject: [KpiProjectionReadiness, KafkaKpiUpdateListener, TargetPlanReadiness],
          useFactory: (kpis: KpiProjectionReadiness, updates: KafkaKpiUpdateListener, targets: TargetPlanReadiness) => [kpis, updates, targets],
        },
      ],
    };
  }
}
