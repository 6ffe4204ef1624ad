import { join, resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import { currency, type Environment, flag, integer, nonNegativeNumber, oneOf, positiveNumber, required, secret, text, textOrDefault } from './config-readers.js';
import type { PostgresSessionLimits } from '@customs-pulse/sql';
import type { AlertSettings, CustomsPulseConfig, KafkaSettings, KpiSettings, SimulationSettings } from './customs-pulse-config.js';
import { storageSettings } from './storage-settings.js';

/**
 * Reads and checks every variable the apps use (`CONFIG_VARIABLES`, with their defaults); the first bad one stops
 * the start with a {@link ConfigError} naming it. Defaults suit the standalone demo.
 */
export function loadConfig(env: Environment = process.env): CustomsPulseConfig {
  const dataDir = resolve(textOrDefault(env, 'DATA_DIR'));
  const sessionLimits = postgresSessionLimits(env);
  const storage = storageSettings(env, dataDir, sessionLimits);
  return {
    port: integer(env, 'PORT', 0, 65535),
    dataDir,
    ...storage,
    authJwtSecret: secret(env, 'AUTH_JWT_SECRET'),
    accessTokens: {
      maxTokenHours: positiveNumber(env, 'AUTH_MAX_TOKEN_HOURS'),
      issuer: text(env, 'AUTH_ISSUER'),
      audience: text(env, 'AUTH_AUDIENCE'),
    },
    reportingCurrency: currency(env, 'REPORTING_CURRENCY'),
    kafka: kafkaSettings(env),
    kpi: kpiSettings(env, dataDir, storage.eventStore.adapter, sessionLimits),
    alerts: alertSettings(env),
    targets: { windowDays: integer(env, 'TARGET_WINDOW_DAYS', 1, 366) },
    simulation: simulationSettings(env),
  };
}

function simulationSettings(env: Environment): SimulationSettings | undefined {
  if (!flag(env, 'SIMULATE')) return undefined;
  const days = nonNegativeNumber(env, 'SIMULATE_DAYS');
  if (days > 366) throw new ConfigError('SIMULATE_DAYS', `must be at most 366, got ${days}`);
  return {
    rate: nonNegativeNumber(env, 'SIMULATE_RATE'),
    seed: integer(env, 'SIMULATE_SEED', 0, 4_294_967_295),
    // Its upper bound is the simulator's office catalogue's (MAX_SIMULATED_OFFICES): the app checks it as it plans.
    offices: integer(env, 'SIMULATE_OFFICES', 1, Number.MAX_SAFE_INTEGER),
    days,
    incidents: incidentSpecs(env),
  };
}

/** The items of `SIMULATE_INCIDENTS` as written; libs/simulation reads them (`planIncidents`) against the offices. */
function incidentSpecs(env: Environment): string[] {
  return (text(env, 'SIMULATE_INCIDENTS') ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
}

function alertSettings(env: Environment): AlertSettings {
  return {
    minObservations: integer(env, 'ALERT_MIN_OBSERVATIONS', 1, 1_000_000_000),
    seizureAlertValue: nonNegativeNumber(env, 'SEIZURE_ALERT_VALUE'),
  };
}

/** `PG_LOCK_TIMEOUT_MS`, `PG_STATEMENT_TIMEOUT_MS`, `PG_IDLE_IN_TRANSACTION_TIMEOUT_MS`: at most a day each. */
function postgresSessionLimits(env: Environment): PostgresSessionLimits {
  return {
    lockTimeoutMs: integer(env, 'PG_LOCK_TIMEOUT_MS', 0, DAY_MS),
    statementTimeoutMs: integer(env, 'PG_STATEMENT_TIMEOUT_MS', 0, DAY_MS),
    idleInTransactionTimeoutMs: integer(env, 'PG_IDLE_IN_TRANSACTION_TIMEOUT_MS', 0, DAY_MS),
  };
}

const DAY_MS = 86_400_000;

function kpiSettings(
  env: Environment,
  dataDir: string,
  eventStore: CustomsPulseConfig['eventStore']['adapter'],
  sessionLimits: PostgresSessionLimits,
): KpiSettings {
  // Next to a server store the read model is on a server too: several processes read it.
  const adapter = oneOf(env, 'KPI_READ_MODEL', ['sqlite', 'postgres'] as const, eventStore === 'sqlite' ? 'sqlite' : 'postgres');
  const releaseTargetHours = positiveNumber(env, 'RELEASE_TARGET_HOURS');
  const readyMaxLagSeconds = positiveNumber(env, 'READY_MAX_LAG_SECONDS');
  const heldSubjects = {
    openMaxDays: integer(env, 'OPEN_MAX_DAYS', 1, 3_650),
    closedCacheSize: integer(env, 'CLOSED_CACHE_SIZE', 0, 10_000_000),
  };
  const heldBuckets = {
    hourlyDays: integer(env, 'HOURLY_BUCKETS_DAYS', 1, 3_650),
    dailyDays: integer(env, 'DAILY_BUCKETS_DAYS', 1, 3_650),
  };
  const epochEvents = integer(env, 'AS_OF_EPOCH_EVENTS', 1_000, 10_000_000);
  const options = { releaseTargetHours, readyMaxLagSeconds, heldSubjects, heldBuckets, epochEvents };
  if (adapter === 'sqlite') return { readModel: { adapter, directory: join(dataDir, 'kpi') }, ...options };
  const connectionString = required(env, 'DATABASE_URL', 'is required when KPI_READ_MODEL=postgres');
  return { readModel: { adapter, connectionString, schema: textOrDefault(env, 'KPI_SCHEMA'), sessionLimits }, ...options };
}

function kafkaSettings(env: Environment): KafkaSettings | undefined {
  const brokers = text(env, 'KAFKA_BROKERS');
  if (brokers === undefined) return undefined;
  const list = brokers.split(',').map((broker) => broker.trim());
  const malformed = list.find((broker) => !/^[^\s:]+:\d{1,5}$/.test(broker));
  if (malformed !== undefined) throw new ConfigError('KAFKA_BROKERS', `must be comma-separated host:port, got ${JSON.stringify(malformed)}`);
  return {
    brokers: list,
    groupId: textOrDefault(env, 'KAFKA_GROUP_ID'),
    sessionTimeoutMs: integer(env, 'KAFKA_SESSION_TIMEOUT_MS', 6_000, 1_800_000),
    poisonMaxAttempts: integer(env, 'KAFKA_POISON_MAX_ATTEMPTS', 1, 100),
    topics: [textOrDefault(env, 'KAFKA_TOPIC_CLEARANCE'), textOrDefault(env, 'KAFKA_TOPIC_ENFORCEMENT')],
    deadLetterTopic: textOrDefault(env, 'KAFKA_TOPIC_DEADLETTER'),
    kpiUpdatesTopic: textOrDefault(env, 'KAFKA_TOPIC_KPI_UPDATES'),
    gatewayGroupId: text(env, 'GATEWAY_GROUP_ID'),
  };
}

/**
 * `AUTH_JWT_SECRET`, which the distributed apps cannot do without: unlike the standalone demo they must agree on it.
 * @throws ConfigError naming the variable when it is not set.
 */
export function requiredSecret(config: Pick<CustomsPulseConfig, 'authJwtSecret'>): string {
  if (config.authJwtSecret === undefined) throw new ConfigError('AUTH_JWT_SECRET', 'is required by the distributed apps (at least 32 bytes, the same for all)');
  return config.authJwtSecret;
}
