export * from './test-clock.js';
export * from './infrastructure.js';
export * from './postgres-schemas.js';
export * from './wait-until.js';
export * from './event-builders.js';
export * from './kafka-broker.js';
export * from './is-pending.js';
