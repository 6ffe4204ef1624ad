/** The programs that read the configuration: the apps under `apps/` (the standalone one with its commands). */
export type CustomsPulseApp = 'standalone' | 'ingest' | 'projector' | 'gateway' | 'simulator';

/** One environment variable of the configuration, as the README's Configuration table shows it. */
export interface ConfigVariable {
  readonly name: string;
  /** The value `loadConfig` reads when the variable is unset or empty; absent when there is no single value. */
  readonly default?: string;
  /** What leaving it unset means, for a variable without a `default` (Markdown). */
  readonly whenUnset?: string;
  /** What it sets (Markdown). */
  readonly sets: string;
  /** The apps whose behaviour it changes; the others ignore it. */
  readonly readBy: readonly CustomsPulseApp[];
  /** The code that reads it when `loadConfig` does not, and why; absent for the variables `loadConfig` reads. */
  readonly readElsewhere?: string;
}

const HTTP_APPS = ['standalone', 'ingest', 'projector', 'gateway'] as const;
const KPI_APPS = ['standalone', 'projector', 'gateway'] as const;
const KAFKA_INGEST_APPS = ['standalone', 'ingest'] as const;

/**
 * Every variable the apps read from their environment, in the README's order. `loadConfig` takes its defaults from
 * here and can only read the names listed here; `test/deploy/app-environment.spec.ts` proves that it reads every
 * one of them but those marked `readElsewhere`, which the logger reads, and `config-variables-readme.spec.ts` that
 * the README's table shows this list.
 */
export const CONFIG_VARIABLES = [
  { name: 'PORT', default: '3000', sets: 'the HTTP port of API, health, live push and the dashboard; the simulator sends to it', readBy: [...HTTP_APPS, 'simulator'] },
  {
    name: 'DATA_DIR',
    default: './data',
    sets: 'the SQLite event store in `DATA_DIR/events.sqlite`, the ingest tally in `DATA_DIR/ingest-quality.sqlite`, the KPI read model in `DATA_DIR/kpi/`',
    readBy: ['standalone'],
  },
  { name: 'EVENT_STORE', default: 'sqlite', sets: '`sqlite`, `postgres` or `kurrentdb`', readBy: HTTP_APPS },
  {
    name: 'DATABASE_URL',
    whenUnset: 'none; required for `postgres` and `kurrentdb`',
    sets: 'PostgreSQL, e.g. `postgres://user@host:5432/customs`: the event store (`postgres`), the ingest tally beside a `postgres` or `kurrentdb` store, the KPI read model (`KPI_READ_MODEL=postgres`)',
    readBy: HTTP_APPS,
  },
  { name: 'DATABASE_SCHEMA', default: 'public', sets: 'the PostgreSQL schema of the event store and of the ingest tally (created if missing)', readBy: HTTP_APPS },
  {
    name: 'PG_LOCK_TIMEOUT_MS',
    default: '10000',
    sets: 'PostgreSQL `lock_timeout` of the event store’s and the KPI read model’s sessions: an append waiting longer for the append lock fails as transient (`503`, Kafka retries); `0` waits for ever',
    readBy: HTTP_APPS,
  },
  {
    name: 'PG_STATEMENT_TIMEOUT_MS',
    default: '60000',
    sets: 'PostgreSQL `statement_timeout` of the same sessions: a statement running longer is cancelled and retried as transient; `0` for none',
    readBy: HTTP_APPS,
  },
  {
    name: 'PG_IDLE_IN_TRANSACTION_TIMEOUT_MS',
    default: '30000',
    sets: 'PostgreSQL `idle_in_transaction_session_timeout` of the same sessions: the server ends a session idle that long inside a transaction, releasing the append lock it holds; `0` for none',
    readBy: HTTP_APPS,
  },
  {
    name: 'KURRENTDB_URL',
    whenUnset: 'none; required for `kurrentdb`',
    sets: 'the KurrentDB event store, e.g. `kurrentdb://kurrentdb:2113?tls=false` (also `kurrent://`, `kdb://`, `esdb://`, each with `+discover`)',
    readBy: HTTP_APPS,
  },
  {
    name: 'LOG_FORMAT',
    default: 'json',
    sets: '`json`: one JSON object per line, for a log collector; `text`: Nest’s coloured lines, for a terminal',
    readBy: HTTP_APPS,
    readElsewhere: 'logSettingsFrom (libs/http): the logger must exist before the configuration is loaded, to report what is wrong with it',
  },
  {
    name: 'LOG_LEVEL',
    default: 'log',
    sets: 'the least severe level written: `verbose`, `debug`, `log`, `warn`, `error` or `fatal`',
    readBy: HTTP_APPS,
    readElsewhere: 'logSettingsFrom (libs/http), as LOG_FORMAT',
  },
  { name: 'AUTH_JWT_SECRET', whenUnset: 'generated per run by the standalone demo; required by the distributed apps', sets: 'HS256 secret for access tokens, at least 32 bytes', readBy: [...HTTP_APPS, 'simulator'] },
  {
    name: 'AUTH_MAX_TOKEN_HOURS',
    default: '24',
    sets: 'the longest an access token may be valid, from its `iat` to its `exp` (from now without `iat`); tokens without `exp` are refused; the demo’s and the simulator’s tokens stay within it',
    readBy: [...HTTP_APPS, 'simulator'],
  },
  { name: 'AUTH_ISSUER', whenUnset: 'not checked', sets: 'the `iss` every access token must carry; the demo’s and the simulator’s tokens carry it', readBy: [...HTTP_APPS, 'simulator'] },
  { name: 'AUTH_AUDIENCE', whenUnset: 'not checked', sets: 'an `aud` every access token must carry; the demo’s and the simulator’s tokens carry it', readBy: [...HTTP_APPS, 'simulator'] },
  { name: 'REPORTING_CURRENCY', default: 'USD', sets: 'ISO 4217; an event whose `currency` differs is rejected, the simulator sends amounts in it', readBy: ['standalone', 'ingest', 'simulator'] },
  {
    name: 'KPI_READ_MODEL',
    whenUnset: '`postgres` when `EVENT_STORE` is `postgres` or `kurrentdb`, else `sqlite`',
    sets: 'where the KPI read model lives: `DATA_DIR/kpi/` or PostgreSQL at `DATABASE_URL`',
    readBy: KPI_APPS,
  },
  { name: 'KPI_SCHEMA', default: 'customs_pulse_kpi', sets: 'the PostgreSQL schema of the KPI read model’s control table; generation `n` lives in `<KPI_SCHEMA>_g<n>`', readBy: KPI_APPS },
  { name: 'RELEASE_TARGET_HOURS', default: '24', sets: "the target of `released_within_target_rate` (rebuild the read model after changing it) and of the TRS report's `withinTarget`, both counted into the buckets as events are applied", readBy: KPI_APPS },
  {
    name: 'READY_MAX_LAG_SECONDS',
    default: '60',
    sets: '`/health/ready` is 503 while the KPI projection lags more than this (now − `recordedAt` of the oldest event not yet applied), as while its reads or commits fail',
    readBy: KPI_APPS,
  },
  {
    name: 'OPEN_MAX_DAYS',
    default: '30',
    sets: 'how long an open declaration (or an enforcement case) stays in the KPI projection’s memory after its latest event, counted back from the newest event time; then it is abandoned and goes cold, to the read model, until an event for it comes; a whole number of days from 1 to 3650',
    readBy: ['standalone', 'projector'],
  },
  {
    name: 'CLOSED_CACHE_SIZE',
    default: '10000',
    sets: 'how many closed declarations (released or cancelled) the KPI projection keeps in memory, the latest touched, beyond the open ones; 0 to 10,000,000',
    readBy: ['standalone', 'projector'],
  },
  {
    name: 'HOURLY_BUCKETS_DAYS',
    default: '3',
    sets: 'how many days of hourly KPI buckets the KPI projection keeps in memory, counted back from now (or the newest `recordedAt`, when earlier); older ones are read from the read model when a query or a late event needs them; a whole number from 1 to 3650',
    readBy: ['standalone', 'projector'],
  },
  {
    name: 'DAILY_BUCKETS_DAYS',
    default: '35',
    sets: 'how many days of daily KPI buckets the KPI projection keeps in memory, counted as `HOURLY_BUCKETS_DAYS` is (never fewer than the hourly ones; the TRS report\'s daily aggregates only as many as the hourly ones, README "The TRS report from days"); older ones are read from the read model when a query needs them; a whole number from 1 to 3650',
    readBy: ['standalone', 'projector'],
  },
  {
    name: 'AS_OF_EPOCH_EVENTS',
    default: '10000',
    sets: 'how many events the KPI read model’s history lets pass between two epochs, whose state it keeps; a question `asOf` a past time loads the last epoch closed by then and replays at most this many events on top, and each epoch keeps a version of the rows it writes over; a whole number from 1000 to 10000000',
    readBy: ['standalone', 'projector'],
  },
  {
    name: 'ALERT_MIN_OBSERVATIONS',
    default: '20',
    sets: 'the fewest observations (`n`) behind a current value for a threshold rule to raise, escalate or resolve an alert; a whole number >= 1',
    readBy: KPI_APPS,
  },
  {
    name: 'TARGET_WINDOW_DAYS',
    default: '30',
    sets: 'UTC days (today’s included) a strategic target’s recent value is taken over (targets-and-reports.md); a whole number from 1 to 366',
    readBy: KPI_APPS,
  },
  { name: 'SEIZURE_ALERT_VALUE', default: '100000', sets: 'a seizure whose `estimatedValue` is above it raises an alert whatever its category (reporting currency, >= 0)', readBy: KPI_APPS },
  { name: 'SIMULATE', default: '0', sets: '`1` (or `true`, `yes`, `on`) runs the traffic simulator in-process (see Simulator)', readBy: ['standalone'] },
  { name: 'SIMULATE_RATE', default: '1', sets: 'live events per second of the in-process simulator (>= 0)', readBy: ['standalone'] },
  { name: 'SIMULATE_SEED', default: '1', sets: 'its seed: the same seed gives the same traffic', readBy: ['standalone'] },
  { name: 'SIMULATE_OFFICES', default: '4', sets: 'its number of offices, 1 to 99', readBy: ['standalone'] },
  { name: 'SIMULATE_DAYS', default: '1', sets: 'days of history it sends first, only into an empty event store (0 to 366)', readBy: ['standalone'] },
  { name: 'SIMULATE_INCIDENTS', whenUnset: 'none', sets: 'comma-separated `kind[:office][@seconds]`, e.g. `office-slowdown@60,seizure-spike`', readBy: ['standalone'] },
  {
    name: 'KAFKA_BROKERS',
    whenUnset: 'no Kafka; required by the projector and the gateway',
    sets: 'comma-separated `host:port`; when set, ingest consumes the topics below',
    readBy: [...HTTP_APPS, 'simulator'],
  },
  { name: 'KAFKA_GROUP_ID', default: 'customs-pulse-ingest', sets: 'the ingest workers’ consumer group', readBy: KAFKA_INGEST_APPS },
  {
    name: 'KAFKA_SESSION_TIMEOUT_MS',
    default: '30000',
    sets: 'how long the group waits for a silent ingest worker before giving its partitions to the others (6000 to 1800000; the broker’s own limits apply)',
    readBy: KAFKA_INGEST_APPS,
  },
  {
    name: 'KAFKA_POISON_MAX_ATTEMPTS',
    default: '3',
    sets: 'tries of an append that fails for its records’ content, not the infrastructure, before ingest appends them one at a time and dead-letters those that still fail, with the error (1 to 100); a store or broker outage is retried until it heals',
    readBy: KAFKA_INGEST_APPS,
  },
  { name: 'KAFKA_TOPIC_CLEARANCE', default: 'customs.clearance.v1', sets: 'topic of clearance events', readBy: [...KAFKA_INGEST_APPS, 'simulator'] },
  { name: 'KAFKA_TOPIC_ENFORCEMENT', default: 'customs.enforcement.v1', sets: 'topic of enforcement and compliance events', readBy: [...KAFKA_INGEST_APPS, 'simulator'] },
  { name: 'KAFKA_TOPIC_DEADLETTER', default: 'customs.deadletter.v1', sets: 'topic rejected records are written to', readBy: KAFKA_INGEST_APPS },
  {
    name: 'KAFKA_TOPIC_KPI_UPDATES',
    default: 'customs.kpi-updates.v1',
    sets: 'KPI changes from the projector to the gateways (created with 6 partitions when missing)',
    readBy: ['projector', 'gateway'],
  },
  {
    name: 'GATEWAY_GROUP_ID',
    whenUnset: 'a random one per start',
    sets: 'a gateway’s consumer group of the KPI updates topic; never share one between gateways',
    readBy: ['gateway'],
  },
] as const satisfies readonly ConfigVariable[];

type CataloguedVariable = (typeof CONFIG_VARIABLES)[number];

/** A name in {@link CONFIG_VARIABLES}: the only names `loadConfig` can read. */
export type ConfigVariableName = CataloguedVariable['name'];

/** A variable with a single default value. */
export type DefaultedConfigVariableName = Extract<CataloguedVariable, { readonly default: string }>['name'];

const DEFAULTS: ReadonlyMap<string, string> = new Map(
  CONFIG_VARIABLES.flatMap((variable): [string, string][] => ('default' in variable ? [[variable.name, variable.default]] : [])),
);

/** The catalogued default of a variable, the value an unset or empty variable stands for. */
export function configDefault(name: DefaultedConfigVariableName): string {
  // The type admits only names with a default, so the map always holds it.
  return DEFAULTS.get(name)!;
}
