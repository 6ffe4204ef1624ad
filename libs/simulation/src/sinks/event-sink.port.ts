import { type CloudEventJson } from '../events/simulated-event.js';

/** What a sink learnt about a batch: ingest's answer over HTTP; nothing more than delivery from Kafka. */
export interface SinkReceipt {
  readonly accepted?: number;
  readonly duplicates?: number;
  readonly rejected?: number;
}

/** Where simulated events go: ingest over HTTP, a Kafka topic, or an app's own command bus. */
export interface EventSink {
  /**
   * Delivers a batch of at most 1,000 events, in order. Retries what can be retried until `signal` aborts; rejects
   * when delivery cannot succeed (refused credentials, a malformed request) or when aborted.
   */
  send(events: readonly CloudEventJson[], signal: AbortSignal): Promise<SinkReceipt>;
  /** Releases connections. */
  close(): Promise<void>;
}

/** The log a simulation writes progress and trouble to; Nest's `Logger` is one. */
export interface SimulationLogger {
  log(message: string): void;
  warn(message: string): void;
}

/** A delivery the receiving side refuses for good (401, 403, 400, ...): retrying would not help. */
export class DeliveryRefusedError extends Error {
  override readonly name = 'DeliveryRefusedError';
}
