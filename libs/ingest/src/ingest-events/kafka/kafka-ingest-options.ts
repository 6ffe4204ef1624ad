/** The clearance topic of events.md when none is configured (`KAFKA_TOPICS_CLEARANCE`). */
export const DEFAULT_CLEARANCE_TOPIC = 'customs.clearance.v1';
/** The enforcement topic of events.md when none is configured (`KAFKA_TOPIC_ENFORCEMENT`). */
export const DEFAULT_ENFORCEMENT_TOPIC = 'customs.enforcement.v1';
/** The dead-letter topic when none is configured (`KAFKA_TOPIC_DEADLETTER`). */
export const DEFAULT_DEAD_LETTER_TOPIC = 'customs.deadletter.v1';

/** How long to wait between attempts while the store (or the dead-letter topic) fails: capped exponential. */
export interface BackoffOptions {
  /** The first wait. @defaultValue 250 */
  readonly initialMs?: number;
  /** No wait is longer. @defaultValue 30000 */
  readonly maxMs?: number;
  /** Each wait is the previous one times this. @defaultValue 2 */
  readonly multiplier?: number;
}

/**
 * The Kafka transport of ingest. An app maps its environment onto this (`KAFKA_BROKERS`, `KAFKA_GROUP_ID`,
 * `KAFKA_TOPICS_CLEARANCE`, `KAFKA_TOPIC_ENFORCEMENT`, `KAFKA_TOPIC_DEADLETTER`).
 */
export interface KafkaIngestOptions {
  /** Bootstrap brokers, `host:port` (`KAFKA_BROKERS`, comma-separated). */
  readonly brokers: readonly string[];
  /** @defaultValue `'customs-pulse-ingest'` */
  readonly clientId?: string;
  /** The consumer group every ingest worker joins (`KAFKA_GROUP_ID`). @defaultValue `'customs-pulse-ingest'` */
  readonly groupId?: string;
  /** Topics carrying producers' CloudEvents. @defaultValue `['customs.clearance.v1', 'customs.enforcement.v1']` */
  readonly topics?: readonly string[];
  /**
   * Where rejected records go. Its `max.message.bytes` must be at least that of the source topics, since a
   * dead letter carries the original value. @defaultValue `'customs.deadletter.v1'`
   */
  readonly deadLetterTopic?: string;
  /** Where a group without committed offsets starts: the earliest record, so nothing already produced is missed. @defaultValue true */
  readonly fromBeginning?: boolean;
  /**
   * Most records validated and appended in one `appendMany` (one durable commit) and then committed; a larger
   * fetched batch is handled in slices of this size. @defaultValue 500
   */
  readonly maxEventsPerAppend?: number;
  /**
   * Most bytes fetched per partition. Larger than the largest record a topic accepts (values up to 2 MiB must
   * reach validation, to be rejected as over 64 KiB and dead-lettered). @defaultValue 4194304 (4 MiB)
   */
  readonly maxBytesPerPartition?: number;
  /** Most bytes of one fetch over all partitions. @defaultValue 16777216 (16 MiB) */
  readonly maxBytes?: number;
  /**
   * How long the broker holds a fetch open while there is nothing to read. A shutdown waits for the fetch in
   * flight, so this bounds how long stopping an idle consumer takes. @defaultValue 1000
   */
  readonly maxWaitTimeMs?: number;
  /** The group drops a member silent this long. @defaultValue 30000 */
  readonly sessionTimeoutMs?: number;
  /**
   * How often a busy consumer heartbeats, also while it waits out a store outage.
   * @defaultValue a third of `sessionTimeoutMs`, at most 3000
   */
  readonly heartbeatIntervalMs?: number;
  /**
   * Batches of different partitions handled at once: one partition validates and hashes while another waits on
   * the store (bench/ingest: Kafka to PostgreSQL 10.8k -> 14.4k events/s going from 1 to 4). Offsets stay per
   * partition, so the order within each partition and commit-after-append are unchanged. @defaultValue 4
   */
  readonly partitionsConsumedConcurrently?: number;
  /** Dead letters are produced by an idempotent producer (`acks: -1` either way). @defaultValue true */
  readonly idempotentDeadLetters?: boolean;
  /**
   * Tries of an append that fails for its records' content rather than the infrastructure before the slice is
   * appended one record at a time and the records that still fail are dead-lettered with the error
   * (`KAFKA_POISON_MAX_ATTEMPTS`). A failure of the infrastructure is retried for as long as it lasts. @defaultValue 3
   */
  readonly poisonMaxAttempts?: number;
  readonly backoff?: BackoffOptions;
}

/** {@link KafkaIngestOptions} with every default applied. */
export type ResolvedKafkaIngestOptions = Required<Omit<KafkaIngestOptions, 'backoff'>> & { readonly backoff: Required<BackoffOptions> };

/** Applies the documented defaults. */
export function resolveKafkaIngestOptions(options: KafkaIngestOptions): ResolvedKafkaIngestOptions {
  if (options.brokers.length === 0) throw new Error('Kafka ingest needs at least one broker (KAFKA_BROKERS)');
  if (options.poisonMaxAttempts !== undefined && !(Number.isInteger(options.poisonMaxAttempts) && options.poisonMaxAttempts >= 1)) {
    throw new Error(`Kafka ingest poisonMaxAttempts (KAFKA_POISON_MAX_ATTEMPTS) must be a whole number >= 1, got ${options.poisonMaxAttempts}`);
  }
  return {
    clientId: 'customs-pulse-ingest',
    groupId: 'customs-pulse-ingest',
    topics: [DEFAULT_CLEARANCE_TOPIC, DEFAULT_ENFORCEMENT_TOPIC],
    deadLetterTopic: DEFAULT_DEAD_LETTER_TOPIC,
    fromBeginning: true,
    maxEventsPerAppend: 500,
    maxBytesPerPartition: 4 * 1024 * 1024,
    maxBytes: 16 * 1024 * 1024,
    maxWaitTimeMs: 1_000,
    sessionTimeoutMs: 30_000,
    partitionsConsumedConcurrently: 4,
    idempotentDeadLetters: true,
    poisonMaxAttempts: 3,
    ...withoutUndefined(options),
    // A third of the session, as Kafka advises, so that a short session still survives a missed heartbeat.
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? Math.min(3_000, Math.floor((options.sessionTimeoutMs ?? 30_000) / 3)),
    brokers: options.brokers,
    backoff: { initialMs: 250, maxMs: 30_000, multiplier: 2, ...withoutUndefined(options.backoff ?? {}) },
  };
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
