// @customs-pulse/simulation/kafka: the sink that produces simulated events to the ingest topics; loads kafkajs.
export { KafkaEventSink, type KafkaEventSinkOptions } from './kafka-event-sink.js';
