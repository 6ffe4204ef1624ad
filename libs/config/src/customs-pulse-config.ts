import type { EventStoreSettings } from '@customs-pulse/event-store';
import type { PostgresSessionLimits } from '@customs-pulse/sql';

/** The whole configuration, read once from the environment by `loadConfig`. */
export interface CustomsPulseConfig {
  /** `PORT`: the one HTTP port for API, live push and dashboard. */
  readonly port: number;
  /** `DATA_DIR`: where the standalone app keeps its SQLite files. */
  readonly dataDir: string;
  /**
   * `EVENT_STORE` (`sqlite` | `postgres` | `kurrentdb`), with `DATABASE_URL` and `DATABASE_SCHEMA` for PostgreSQL,
   * `KURRENTDB_URL` for KurrentDB.
   */
  readonly eventStore: EventStoreSettings;
  /**
   * `DATABASE_URL` and `DATABASE_SCHEMA`: the PostgreSQL database beside the event store, where a KurrentDB store's
   * ingest tally is kept; undefined unless `DATABASE_URL` is set (it must be for `postgres` and `kurrentdb`).
   */
  readonly database: PostgresDatabaseSettings | undefined;
  /** `AUTH_JWT_SECRET`; undefined when unset (the standalone demo then generates one). */
  readonly authJwtSecret: string | undefined;
  /** What access tokens must satisfy beyond their signature (api.md). */
  readonly accessTokens: AccessTokenSettings;
  /** `REPORTING_CURRENCY`: ISO 4217 code amounts are reported in. */
  readonly reportingCurrency: string;
  /** Kafka ingest; undefined unless `KAFKA_BROKERS` is set. */
  readonly kafka: KafkaSettings | undefined;
  /** The KPI projection. */
  readonly kpi: KpiSettings;
  /** The alert rules (kpis.md, "Alerts"). */
  readonly alerts: AlertSettings;
  /** Strategic targets (targets-and-reports.md). */
  readonly targets: StrategicTargetSettings;
  /** The traffic simulator the standalone app runs in-process; undefined unless `SIMULATE` is on. */
  readonly simulation: SimulationSettings | undefined;
}

/** The token policy of api.md; libs/auth's `AccessTokenPolicy` has this shape. */
export interface AccessTokenSettings {
  /** `AUTH_MAX_TOKEN_HOURS` (default 24): the longest a token may be valid, from `iat` (or now) to `exp`. */
  readonly maxTokenHours: number;
  /** `AUTH_ISSUER`: the required `iss`; undefined when not checked. */
  readonly issuer: string | undefined;
  /** `AUTH_AUDIENCE`: the required `aud`; undefined when not checked. */
  readonly audience: string | undefined;
}

/** A PostgreSQL database and the schema to work in. */
export interface PostgresDatabaseSettings {
  /** `DATABASE_URL`, e.g. `postgres://user@host:5432/customs`. */
  readonly connectionString: string;
  /** `DATABASE_SCHEMA` (default `public`). */
  readonly schema: string;
}

/** `SIMULATE=1`: the standalone app feeds itself simulated traffic (README, "Simulator"). */
export interface SimulationSettings {
  /** `SIMULATE_RATE` (default 1): live events per second once declarations are under way. */
  readonly rate: number;
  /** `SIMULATE_SEED` (default 1): the same seed gives the same traffic. */
  readonly seed: number;
  /** `SIMULATE_OFFICES` (default 4): how many customs offices. */
  readonly offices: number;
  /** `SIMULATE_DAYS` (default 1): days of history sent first, when the event store is still empty. */
  readonly days: number;
  /**
   * `SIMULATE_INCIDENTS` (default none): the items of its comma-separated `kind[:office][@seconds]`, e.g.
   * `office-slowdown@120`, as written; libs/simulation's `planIncidents` reads them.
   */
  readonly incidents: readonly string[];
}

/** The configurable parts of the alert rules; thresholds are changed at run time (`PUT /api/kpis/:id/thresholds`). */
export interface AlertSettings {
  /** `ALERT_MIN_OBSERVATIONS` (default 20): the fewest observations a current value needs to raise or resolve an alert. */
  readonly minObservations: number;
  /** `SEIZURE_ALERT_VALUE` (default 100000): a seizure with an `estimatedValue` above it raises an alert. */
  readonly seizureAlertValue: number;
}

/** What strategic targets are judged by, beside `ALERT_MIN_OBSERVATIONS`. */
export interface StrategicTargetSettings {
  /** `TARGET_WINDOW_DAYS` (default 30): the UTC days, today's included, of a target's recent value. */
  readonly windowDays: number;
}

/** Where the KPI projection keeps its read model, and the KPI options of kpis.md. */
export interface KpiSettings {
  /**
   * `KPI_READ_MODEL` (`sqlite` | `postgres`, default: `postgres` when `EVENT_STORE` is `postgres` or `kurrentdb`, else
   * `sqlite`): SQLite files in `DATA_DIR/kpi`, or PostgreSQL at `DATABASE_URL` in schema `KPI_SCHEMA` (default
   * `customs_pulse_kpi`).
   */
  readonly readModel:
    | { readonly adapter: 'sqlite'; readonly directory: string }
    | { readonly adapter: 'postgres'; readonly connectionString: string; readonly schema: string; readonly sessionLimits: PostgresSessionLimits };
  /** `RELEASE_TARGET_HOURS` (default 24): the target of `released_within_target_rate`. */
  readonly releaseTargetHours: number;
  /** `READY_MAX_LAG_SECONDS` (default 60): readiness is false while the projection lags more than this. */
  readonly readyMaxLagSeconds: number;
  /**
   * `OPEN_MAX_DAYS` (default 30) and `CLOSED_CACHE_SIZE` (default 10,000): which declarations and cases the KPI
   * projection keeps in memory; the rest stay in the read model until an event or a query needs them.
   */
  readonly heldSubjects: { readonly openMaxDays: number; readonly closedCacheSize: number };
  /**
   * `HOURLY_BUCKETS_DAYS` (default 3) and `DAILY_BUCKETS_DAYS` (default 35): how many days of hourly and of daily
   * buckets the KPI projection keeps in memory; older ones stay in the read model, read when a query or a late event
   * needs them.
   */
  readonly heldBuckets: { readonly hourlyDays: number; readonly dailyDays: number };
  /**
   * `AS_OF_EPOCH_EVENTS` (default 10,000): the events between two epochs of the read model's history, at most what a
   * question `asOf` a past time replays.
   */
  readonly epochEvents: number;
}

/** Where ingest consumes producers' events and dead-letters the rejected ones (events.md, architecture.md). */
export interface KafkaSettings {
  /** `KAFKA_BROKERS`: comma-separated `host:port`. */
  readonly brokers: readonly string[];
  /** `KAFKA_GROUP_ID`: the ingest workers' consumer group. */
  readonly groupId: string;
  /** `KAFKA_SESSION_TIMEOUT_MS`: how long the group waits for a silent worker before rebalancing its partitions. */
  readonly sessionTimeoutMs: number;
  /** `KAFKA_POISON_MAX_ATTEMPTS`: tries of an append failing for its records' content before the poison is looked for. */
  readonly poisonMaxAttempts: number;
  /** `KAFKA_TOPIC_CLEARANCE` and `KAFKA_TOPIC_ENFORCEMENT`. */
  readonly topics: readonly string[];
  /** `KAFKA_TOPIC_DEADLETTER`. */
  readonly deadLetterTopic: string;
  /** `KAFKA_TOPIC_KPI_UPDATES`: KPI changes from the distributed projector to every gateway. */
  readonly kpiUpdatesTopic: string;
  /**
   * `GATEWAY_GROUP_ID`: a gateway's consumer group of the KPI updates topic; undefined for a fresh random one per
   * start, so that every gateway sees every update.
   */
  readonly gatewayGroupId: string | undefined;
}
