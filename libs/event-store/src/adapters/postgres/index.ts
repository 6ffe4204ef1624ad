// @customs-pulse/event-store/postgres: the event store on PostgreSQL (the distributed deployment); loads pg.
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.js';
