import type { IngestTransport } from './ingest-events.command.js';

/** Dependency-injection token for the {@link IngestMetrics} port. */
export const INGEST_METRICS = Symbol('IngestMetrics');

/** What one ingest did, as operations count it. */
export interface IngestedBatch {
  readonly transport: IngestTransport;
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** How long the batch's one durable `appendMany` took; null when nothing in it was valid, so nothing was appended. */
  readonly appendSeconds: number | null;
}

/**
 * Where ingest reports its figures for operations (`GET /metrics`). Called on the ingest path, so an adapter only
 * adds to counters in memory: it must never throw, wait or slow an ingest. The app provides one; without it,
 * {@link SILENT_INGEST_METRICS}.
 */
export interface IngestMetrics {
  /** A batch whose valid events are durably stored. */
  ingested(batch: IngestedBatch): void;
  /** `count` rejected Kafka records are durably on the dead-letter topic. */
  deadLettered(count: number): void;
}

/** Counts nothing: for an app or a test that exposes no metrics. */
export const SILENT_INGEST_METRICS: IngestMetrics = { ingested: () => undefined, deadLettered: () => undefined };
