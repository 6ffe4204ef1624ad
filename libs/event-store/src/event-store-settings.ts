import type { PostgresSessionLimits } from '@customs-pulse/sql';

/** Which adapter backs the `EventStore` port: chosen by configuration (`EVENT_STORE`), never by code. */
export type EventStoreSettings =
  | { readonly adapter: 'sqlite'; readonly file: string }
  | {
      readonly adapter: 'postgres';
      readonly connectionString: string;
      readonly schema?: string;
      /** Time limits of its sessions. @defaultValue `DEFAULT_POSTGRES_SESSION_LIMITS` */
      readonly sessionLimits?: PostgresSessionLimits;
    }
  | { readonly adapter: 'kurrentdb'; readonly connectionString: string };
