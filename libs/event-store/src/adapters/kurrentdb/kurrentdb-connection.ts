import {
  KurrentDBClient,
  type AppendStreamRequest,
  type MultiAppendResult,
  type ReadStreamOptions,
  type ResolvedEvent,
  type SubscribeToStreamOptions,
} from '@kurrent/kurrentdb-client';

/** A live subscription to one stream: its events as they are committed, until `unsubscribe`. */
export interface StreamWatch extends AsyncIterable<unknown> {
  unsubscribe(): Promise<void>;
}

/**
 * The part of the KurrentDB client the adapter uses. `KurrentDBClient` has it; so does the in-memory stand-in the
 * unit specs run the contract suite on (testing/fake-kurrentdb.ts).
 */
export interface KurrentDbConnection {
  readStream(streamName: string, options?: ReadStreamOptions): AsyncIterable<ResolvedEvent>;
  /** Atomic append to several streams, each under its own expected state (KurrentDB 25.1 and later). */
  multiStreamAppend(requests: AppendStreamRequest[]): Promise<MultiAppendResult>;
  subscribeToStream(streamName: string, options?: SubscribeToStreamOptions): StreamWatch;
  dispose(): Promise<void>;
}

/** A client for `connectionString` (`kurrentdb://host:2113?tls=false`); it connects on its first call. */
export function connectKurrentDb(connectionString: string): KurrentDbConnection {
  return KurrentDBClient.connectionString(connectionString);
}
