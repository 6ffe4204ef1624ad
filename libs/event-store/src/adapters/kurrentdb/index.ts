// @customs-pulse/event-store/kurrentdb: the event store on KurrentDB; loads @kurrent/kurrentdb-client.
export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb-event-store.js';
