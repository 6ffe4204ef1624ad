export * from './ingest-events/ingest-events.command.js';
export * from './ingest-events/ingest-report.js';
export * from './ingest-events/ingest-metrics.port.js';
export { PROMETHEUS_INGEST_METRICS, PrometheusIngestMetrics } from './ingest-events/prometheus-ingest-metrics.js';
export * from './ingest-events/ingest-events.handler.js';
export * from './ingest-events/event-validation-rules.js';
export * from './messaging/consumed-record.js';
export * from './messaging/record-batch-source.port.js';
export * from './messaging/dead-letter-sink.port.js';
export * from './ingest-events/kafka/kafka-ingest-options.js';
export * from './ingest-events/kafka/dead-letter-headers.js';
export { IngestConsumer, type IngestConsumerOptions, type IngestEvents } from './ingest-events/kafka/ingest-consumer.js';
export * from './ingest-quality/ingest-quality-tally.port.js';
export * from './ingest-quality/ingest-quality-tally-settings.js';
export * from './ingest-quality/ingest-quality-tally.module.js';
export * from './ingest-quality/ingest-quality-recorder.js';
export { rejectionReason } from './ingest-quality/rejection-reason.js';
export { MAX_REJECTION_REASONS, OTHER_REJECTION_REASON } from './ingest-quality/rejection-reason-cap.js';
export { InMemoryIngestQualityTally } from './ingest-quality/adapters/memory/in-memory-ingest-quality-tally.js';
export {
  SqliteIngestQualityTally,
  type SqliteIngestQualityTallyOptions,
} from './ingest-quality/adapters/sqlite/sqlite-ingest-quality-tally.js';
export {
  PostgresIngestQualityTally,
  type PostgresIngestQualityTallyOptions,
} from './ingest-quality/adapters/postgres/postgres-ingest-quality-tally.js';
export * from './ingest.module.js';
export { KafkaIngestTransport } from './ingest-events/kafka/kafka-ingest.transport.js';
