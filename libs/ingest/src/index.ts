export * from './ingest-events/ingest-events.command.js';
export * from './ingest-events/ingest-report.js';
export * from './ingest-events/ingest-events.handler.js';
export * from './ingest-events/event-validation-rules.js';
export * from './ingest.module.js';
