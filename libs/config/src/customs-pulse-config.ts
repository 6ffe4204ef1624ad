import type { EventStoreSettings } from '@customs-pulse/event-store';

/** The whole configuration, read once from the environment by `loadConfig`. */
export interface CustomsPulseConfig {
  /** `PORT`: the one HTTP port for API, live push and dashboard. */
  readonly port: number;
  /** `DATA_DIR`: where the standalone app keeps its SQLite files. */
  readonly dataDir: string;
  /** `EVENT_STORE` (`sqlite` | `postgres`) with `DATABASE_URL` and `DATABASE_SCHEMA` for PostgreSQL. */
  readonly eventStore: EventStoreSettings;
  /** `AUTH_JWT_SECRET`; undefined when unset (the standalone demo then generates one). */
  readonly authJwtSecret: string | undefined;
  /** `REPORTING_CURRENCY`: ISO 4217 code amounts are reported in. */
  readonly reportingCurrency: string;
  /** Kafka ingest; undefined unless `KAFKA_BROKERS` is set. */
  readonly kafka: KafkaSettings | undefined;
  /** The KPI projection. */
  readonly kpi: KpiSettings;
}

/** Where the KPI projection keeps its read model, and the KPI options of kpis.md. */
export interface KpiSettings {
  /**
   * `KPI_READ_MODEL` (`sqlite` | `postgres`, default: `postgres` when `EVENT_STORE=postgres`, else `sqlite`): SQLite
   * files in `DATA_DIR/kpi`, or PostgreSQL at `DATABASE_URL` in schema `KPI_SCHEMA` (default `customs_pulse_kpi`).
   */
  readonly readModel:
    | { readonly adapter: 'sqlite'; readonly directory: string }
    | { readonly adapter: 'postgres'; readonly connectionString: string; readonly schema: string };
  /** `RELEASE_TARGET_HOURS` (default 24): the target of `released_within_target_rate`. */
  readonly releaseTargetHours: number;
}

/** Where ingest consumes producers' events and dead-letters the rejected ones (events.md, architecture.md). */
export interface KafkaSettings {
  /** `KAFKA_BROKERS`: comma-separated `host:port`. */
  readonly brokers: readonly string[];
  /** `KAFKA_GROUP_ID`: the ingest workers' consumer group. */
  readonly groupId: string;
  /** `KAFKA_TOPIC_CLEARANCE` and `KAFKA_TOPIC_ENFORCEMENT`. */
  readonly topics: readonly string[];
  /** `KAFKA_TOPIC_DEADLETTER`. */
  readonly deadLetterTopic: string;
}
