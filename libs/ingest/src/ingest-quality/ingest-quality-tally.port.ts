/**
 * What ingest alone knows about data quality (`GET /api/quality`, api.md): rejected and duplicate events never
 * reach the event store (events.md), so they are counted here as they are turned away.
 */

/** DI token for the {@link IngestQualityTally} the app's ingest writes and a `/api/quality` query reads. */
export const INGEST_QUALITY_TALLY = Symbol('IngestQualityTally');

/** Counts to add to the tally: what one or more ingests rejected or found already stored. */
export interface IngestQualityCounts {
  /** Rejected events (an HTTP item or a dead-lettered Kafka record), whatever the number of their reasons. */
  readonly rejected: number;
  /**
   * Rejected events per normalized reason (`rejectionReason`). An event with several reasons counts once under
   * each, so these add up to at least {@link rejected}.
   */
  readonly rejectedByReason: ReadonlyMap<string, number>;
  /** Events already stored with the same content: they changed nothing. */
  readonly duplicates: number;
}

/** How many rejected events gave one reason. */
export interface RejectionReasonCount {
  /** `path: message` with the offending value left out, e.g. `data.lane: must be one of GREEN, YELLOW, RED, BLUE`. */
  readonly reason: string;
  readonly count: number;
}

/** The tally as the API answers it: plain JSON, every count since the tally was created. */
export interface IngestQualitySummary {
  readonly rejected: {
    readonly total: number;
    /** Most frequent first; equal counts by reason. Past the cap, new reasons count under `other`. */
    readonly byReason: readonly RejectionReasonCount[];
  };
  readonly duplicates: number;
}

/**
 * A running count of what ingest turned away. Counts only ever grow, and they add up across every ingest process
 * writing the same tally. A tally is not evidence: it may count a redelivered Kafka record twice, and its writer
 * gives up a count rather than slow or fail an ingest.
 */
export interface IngestQualityTally {
  /** Adds `counts`. Resolves once they are stored. */
  record(counts: IngestQualityCounts): Promise<void>;
  read(): Promise<IngestQualitySummary>;
  close(): Promise<void>;
}
