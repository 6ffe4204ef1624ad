/**
 * @customs-pulse/event-store/nest: the NestJS module that provides `EVENT_STORE`, and `openEventStore`, which opens
 * the adapter the settings name. Both pick among every adapter at run time, so this entry point loads every driver.
 */
export { EventStoreModule, openEventStore } from './event-store.module.js';
