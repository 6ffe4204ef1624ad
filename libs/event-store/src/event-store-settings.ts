/** Which adapter backs the `EventStore` port: chosen by configuration (`EVENT_STORE`), never by code. */
export type EventStoreSettings =
  | { readonly adapter: 'sqlite'; readonly file: string }
  | { readonly adapter: 'postgres'; readonly connectionString: string; readonly schema?: string }
  | { readonly adapter: 'kurrentdb'; readonly connectionString: string };
