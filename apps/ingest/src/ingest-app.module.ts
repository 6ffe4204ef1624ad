import { AuthModule } from '@customs-pulse/auth';
import type { CustomsPulseConfig } from '@customs-pulse/config';
import { EventStoreModule } from '@customs-pulse/event-store/nest';
import { ClockModule, HealthController, MetricsModule, READINESS_CHECKS } from '@customs-pulse/http';
import { IngestModule, KafkaIngestTransport, ingestQualityTallySettingsFor, PROMETHEUS_INGEST_METRICS } from '@customs-pulse/ingest';
import { Module, type DynamicModule } from '@nestjs/common';

/**
 * A distributed ingest worker: `POST /api/events` and, with `KAFKA_BROKERS`, the producers' topics, into the shared
 * event store. Several run side by side: Kafka spreads partitions over them, a load balancer spreads HTTP.
 */
@Module({})
export class IngestAppModule {
  static forRoot(config: CustomsPulseConfig, jwtSecret: string): DynamicModule {
    return {
      module: IngestAppModule,
      imports: [
        ClockModule,
        MetricsModule.forRoot({ adapters: [PROMETHEUS_INGEST_METRICS] }),
        EventStoreModule.forRoot(config.eventStore),
        AuthModule.forRoot({ jwtSecret, ...config.accessTokens }),
        IngestModule.forRoot({
          reportingCurrency: config.reportingCurrency,
          ...(config.kafka ? { kafka: config.kafka } : {}),
          qualityTally: ingestQualityTallySettingsFor(config.eventStore, config.database),
        }),
      ],
      controllers: [HealthController],
      providers: [
        {
          // With KAFKA_BROKERS, a worker is ready once it is in its consumer group; HTTP alone needs only the store.
          provide: READINESS_CHECKS,
          inject: [{ token: KafkaIngestTransport, optional: true }],
          useFactory: (kafka: KafkaIngestTransport | undefined) => (kafka ? [kafka] : []),
        },
      ],
    };
  }
}
