// Kafka test fixtures, apart from the package's root because they load kafkajs and the ingest module.
// kafka-ingest-worker.ts is a script run in its own process, so it is not exported.
export * from './kafka-topics.js';
export * from './faulty-event-store.js';
export * from './kafka-ingest-app.js';
