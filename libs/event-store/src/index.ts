/**
 * @customs-pulse/event-store: the `EventStore` port, its errors, the canonical JSON and hash chain every adapter
 * shares, and the settings that choose an adapter. Loads no driver and no framework: the adapters are
 * `@customs-pulse/event-store/sqlite`, `/postgres` and `/kurrentdb`, the NestJS module `@customs-pulse/event-store/nest`.
 */
export * from './recorded-event.js';
export * from './event-store.port.js';
export * from './expected-revision.js';
export * from './errors.js';
export * from './canonical-json.js';
export * from './hash-chain.js';
export * from './event-loop-turns.js';
export * from './walk-log.js';
export type { EventStoreSettings } from './event-store-settings.js';
