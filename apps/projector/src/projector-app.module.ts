import { openJudgeCheckpointStore } from '@customs-pulse/alerts/checkpoint';
import { AlertJournal, AlertRulesObserver, AlertRulesReadiness, AlertsModule, PROMETHEUS_ALERT_RULES_METRICS } from '@customs-pulse/alerts';
import { AuthModule } from '@customs-pulse/auth';
import { ConfigError, type CustomsPulseConfig } from '@customs-pulse/config';
import { EventStoreModule } from '@customs-pulse/event-store/nest';
import { ClockModule, HealthController, MetricsModule, READINESS_CHECKS } from '@customs-pulse/http';
import { INGEST_QUALITY_TALLY, IngestQualityTallyModule, ingestQualityTallySettingsFor } from '@customs-pulse/ingest';
import { TargetWatch } from '@customs-pulse/kpi';
import { KpiModule, KpiProjectionReadiness, PROMETHEUS_PROJECTION_METRICS, TargetPlanReadiness, TargetsModule } from '@customs-pulse/kpi/api';
import { KafkaKpiUpdatePublisher, KafkaKpiUpdatesModule } from '@customs-pulse/realtime';
import { Module, type DynamicModule } from '@nestjs/common';

/**
 * The distributed projector: the one process that writes the KPI read model (it holds its lease; a second one waits
 * out its start with `KpiProjectionLeaseHeldError` and exits, to be restarted as a standby). It publishes each
 * batch's changed values to `customs.kpi-updates.v1`, judges the alert rules, and answers the KPI queries and
 * `POST /api/kpis/rebuild` on its own port.
 */
@Module({})
export class ProjectorAppModule {
  static forRoot(config: CustomsPulseConfig, jwtSecret: string): DynamicModule {
    if (config.kafka === undefined) throw new ConfigError('KAFKA_BROKERS', 'is required by the projector: it publishes KPI updates to the gateways');
    // What hears of each KPI commit, named here: a module left out fails the start instead of silencing it.
    const kpiModule = KpiModule.forRoot({
      readModel: config.kpi.readModel,
      releaseTargetHours: config.kpi.releaseTargetHours,
      readyMaxLagSeconds: config.kpi.readyMaxLagSeconds,
      heldSubjects: config.kpi.heldSubjects,
      heldBuckets: config.kpi.heldBuckets,
      epochEvents: config.kpi.epochEvents,
      ingestQuality: INGEST_QUALITY_TALLY,
      notifier: KafkaKpiUpdatePublisher, // to the gateways, over customs.kpi-updates.v1
      commitObservers: [AlertRulesObserver, TargetWatch],
      thresholds: AlertJournal,
    });
    return {
      module: ProjectorAppModule,
      imports: [
        ClockModule,
        MetricsModule.forRoot({ adapters: [PROMETHEUS_PROJECTION_METRICS, PROMETHEUS_ALERT_RULES_METRICS] }),
        EventStoreModule.forRoot(config.eventStore),
        AuthModule.forRoot({ jwtSecret, ...config.accessTokens }),
        IngestQualityTallyModule.forRoot(ingestQualityTallySettingsFor(config.eventStore, config.database)),
        KafkaKpiUpdatesModule.publisher({ brokers: config.kafka.brokers, topic: config.kafka.kpiUpdatesTopic, clientId: 'customs-pulse-projector' }),
        kpiModule,
        // No live clients here: each gateway pushes the alert changes its own journal folds.
        AlertsModule.forRoot({ rules: config.alerts, publisher: null, judgeCheckpoints: () => openJudgeCheckpointStore(config.kpi.readModel) }),
        // Targets are judged here, once, and travel to the gateways with the KPI updates.
        TargetsModule.forRoot({
          kpis: kpiModule,
          settings: { windowDays: config.targets.windowDays, minObservations: config.alerts.minObservations },
          publisher: KafkaKpiUpdatePublisher,
        }),
      ],
      controllers: [HealthController],
      providers: [
        {
          provide: READINESS_CHECKS,
          inject: [KpiProjectionReadiness, AlertRulesReadiness, TargetPlanReadiness],
          useFactory: (kpis: KpiProjectionReadiness, alerts: AlertRulesReadiness, targets: TargetPlanReadiness) => [kpis, alerts, targets],
        },
      ],
    };
  }
}
