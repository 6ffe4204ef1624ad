/**
 * How many events each measurement handles: sized so that the whole suite, broker start included, stays under
 * about 4 minutes on the 2-core bench machine.
 */
export interface IngestWorkload {
  /** Events per `POST /api/events`, and per `appendMany` in the stage measurements. */
  readonly batchSize: number;
  /** Requests in flight at once over HTTP; each level is measured. */
  readonly httpInFlight: readonly number[];
  /** Events per timed HTTP run. */
  readonly httpEventsPerRun: number;
  /** Untimed batches POSTed first, to warm the JIT, the app and the store. */
  readonly httpWarmupBatches: number;
  /** Records produced to a fresh topic before any Kafka measurement; each consumer run reads them all. */
  readonly kafkaEvents: number;
  readonly kafkaPartitions: number;
  /** Events per timed run of a stage measured alone (validation, `appendMany`, the use case). */
  readonly stageEventsPerRun: number;
  /** Each measurement runs this many times; the report quotes the median. */
  readonly repeats: number;
}

export const INGEST_WORKLOAD: IngestWorkload = {
  batchSize: 500,
  httpInFlight: [1, 4],
  httpEventsPerRun: 25_000,
  httpWarmupBatches: 10,
  kafkaEvents: 100_000,
  kafkaPartitions: 6,
  stageEventsPerRun: 25_000,
  repeats: 3,
};

/** The goals for this machine. */
export const GOALS = {
  /** Kafka to PostgreSQL, from the consumer's start until the store holds every record. */
  kafkaToPostgres: 20_000,
  /** `POST /api/events` in batches of 500. */
  httpBatches: 15_000,
} as const;

/** Distinct events the HTTP runs of one store need: the warm-up, then every timed run. */
export function httpEventsNeeded(workload: IngestWorkload): number {
  return workload.httpWarmupBatches * workload.batchSize + workload.repeats * workload.httpInFlight.length * workload.httpEventsPerRun;
}
