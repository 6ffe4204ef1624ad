import { CLOCK, type Clock } from '@customs-pulse/domain';
import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_VALIDATION_RULES } from './ingest-events/event-validation-rules.js';
import { EventsController } from './ingest-events/http/events.controller.js';
import { IngestEventsHandler } from './ingest-events/ingest-events.handler.js';
import type { KafkaIngestOptions } from './ingest-events/kafka/kafka-ingest-options.js';
import { KAFKA_INGEST_OPTIONS, KafkaIngestTransport } from './ingest-events/kafka/kafka-ingest.transport.js';
import type { IngestQualityTallySettings } from './ingest-quality/ingest-quality-tally-settings.js';
import { IngestQualityTallyModule } from './ingest-quality/ingest-quality-tally.module.js';

export interface IngestModuleOptions {
  /** `REPORTING_CURRENCY`: amounts with another `currency` are rejected. */
  readonly reportingCurrency: string;
  /** Mount `POST /api/events`. @defaultValue true */
  readonly http?: boolean;
  /** Consume producers' topics with kafkajs from bootstrap until shutdown. @defaultValue no Kafka transport */
  readonly kafka?: KafkaIngestOptions;
  /**
   * Where rejects and duplicates are tallied for `GET /api/quality`: `ingestQualityTallySettingsFor(config.eventStore)`
   * keeps them beside the events. @defaultValue in memory, from zero at each start
   */
  readonly qualityTally?: IngestQualityTallySettings;
}

/**
 * The ingest use case and its transports. Needs `EVENT_STORE` and `CLOCK` from the app; provides
 * `INGEST_QUALITY_TALLY` to it (`IngestQualityTallyModule`).
 */
@Module({})
export class IngestModule {
  static forRoot(options: IngestModuleOptions): DynamicModule {
    return {
      module: IngestModule,
      imports: [CqrsModule, IngestQualityTallyModule.forRoot(options.qualityTally ?? { adapter: 'memory' })],
      controllers: options.http === false ? [] : [EventsController],
      providers: [
        IngestEventsHandler,
        {
          provide: EVENT_VALIDATION_RULES,
          inject: [CLOCK],
          useFactory: (clock: Clock) => ({ clock, reportingCurrency: options.reportingCurrency }),
        },
        ...(options.kafka ? [{ provide: KAFKA_INGEST_OPTIONS, useValue: options.kafka }, KafkaIngestTransport] : []),
      ],
      exports: [IngestEventsHandler, ...(options.kafka ? [KafkaIngestTransport] : [])],
    };
  }
}
