import { join, resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import type { CustomsPulseConfig, KafkaSettings, KpiSettings } from './customs-pulse-config.js';

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads and checks every variable the apps use; the first bad one stops the start with a {@link ConfigError}
 * naming it. Defaults suit the standalone demo.
 */
export function loadConfig(env: Environment = process.env): CustomsPulseConfig {
  const dataDir = resolve(text(env, 'DATA_DIR') ?? './data');
  const adapter = oneOf(env, 'EVENT_STORE', ['sqlite', 'postgres'] as const, 'sqlite');
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    dataDir,
    eventStore:
      adapter === 'sqlite'
        ? { adapter, file: join(dataDir, 'events.sqlite') }
        : { adapter, connectionString: required(env, 'DATABASE_URL', 'is required when EVENT_STORE=postgres'), schema: text(env, 'DATABASE_SCHEMA') ?? 'public' },
    authJwtSecret: secret(env, 'AUTH_JWT_SECRET'),
    reportingCurrency: currency(env, 'REPORTING_CURRENCY', 'USD'),
    kafka: kafkaSettings(env),
    kpi: kpiSettings(env, dataDir, adapter),
  };
}

function kpiSettings(env: Environment, dataDir: string, eventStore: 'sqlite' | 'postgres'): KpiSettings {
  const adapter = oneOf(env, 'KPI_READ_MODEL', ['sqlite', 'postgres'] as const, eventStore);
  const releaseTargetHours = positiveNumber(env, 'RELEASE_TARGET_HOURS', 24);
  if (adapter === 'sqlite') return { readModel: { adapter, directory: join(dataDir, 'kpi') }, releaseTargetHours };
  const connectionString = required(env, 'DATABASE_URL', 'is required when KPI_READ_MODEL=postgres');
  return { readModel: { adapter, connectionString, schema: text(env, 'KPI_SCHEMA') ?? 'customs_pulse_kpi' }, releaseTargetHours };
}

function kafkaSettings(env: Environment): KafkaSettings | undefined {
  const brokers = text(env, 'KAFKA_BROKERS');
  if (brokers === undefined) return undefined;
  const list = brokers.split(',').map((broker) => broker.trim());
  const malformed = list.find((broker) => !/^[^\s:]+:\d{1,5}$/.test(broker));
  if (malformed !== undefined) throw new ConfigError('KAFKA_BROKERS', `must be comma-separated host:port, got ${JSON.stringify(malformed)}`);
  return {
    brokers: list,
    groupId: text(env, 'KAFKA_GROUP_ID') ?? 'customs-pulse-ingest',
    topics: [text(env, 'KAFKA_TOPIC_CLEARANCE') ?? 'customs.clearance.v1', text(env, 'KAFKA_TOPIC_ENFORCEMENT') ?? 'customs.enforcement.v1'],
    deadLetterTopic: text(env, 'KAFKA_TOPIC_DEADLETTER') ?? 'customs.deadletter.v1',
  };
}

function text(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function required(env: Environment, name: string, problem: string): string {
  const value = text(env, name);
  if (value === undefined) throw new ConfigError(name, problem);
  return value;
}

function integer(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return parsed;
}

function positiveNumber(env: Environment, name: string, fallback: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new ConfigError(name, `must be a number above 0, got ${JSON.stringify(value)}`);
  return parsed;
}

function oneOf<T extends string>(env: Environment, name: string, allowed: readonly T[], fallback: T): T {
  const value = text(env, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

function secret(env: Environment, name: string): string | undefined {
  const value = text(env, name);
  // HS256 with a short secret can be brute-forced offline from any token.
  if (value !== undefined && Buffer.byteLength(value) < 32) throw new ConfigError(name, 'must be at least 32 bytes');
  return value;
}

function currency(env: Environment, name: string, fallback: string): string {
  const value = text(env, name) ?? fallback;
  if (!/^[A-Z]{3}$/.test(value)) throw new ConfigError(name, `must be an ISO 4217 code such as USD, got ${JSON.stringify(value)}`);
  return value;
}
