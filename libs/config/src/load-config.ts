import { customsOffices, type IncidentPlan, MAX_SIMULATED_OFFICES, parseIncidentPlan } from '@customs-pulse/simulation';
import { join, resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import type { AlertSettings, CustomsPulseConfig, KafkaSettings, KpiSettings, SimulationSettings } from './customs-pulse-config.js';

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
    alerts: alertSettings(env),
    simulation: simulationSettings(env),
  };
}

function simulationSettings(env: Environment): SimulationSettings | undefined {
  if (!flag(env, 'SIMULATE')) return undefined;
  const offices = integer(env, 'SIMULATE_OFFICES', 4, 1, MAX_SIMULATED_OFFICES);
  const days = nonNegativeNumber(env, 'SIMULATE_DAYS', 1);
  if (days > 366) throw new ConfigError('SIMULATE_DAYS', `must be at most 366, got ${days}`);
  return {
    rate: nonNegativeNumber(env, 'SIMULATE_RATE', 1),
    seed: integer(env, 'SIMULATE_SEED', 1, 0, 4_294_967_295),
    offices,
    days,
    incidents: incidentPlans(env, 'SIMULATE_INCIDENTS', offices),
  };
}

function incidentPlans(env: Environment, name: string, offices: number): IncidentPlan[] {
  const officeIds = customsOffices(offices).map(({ id }) => id);
  const items = (text(env, name) ?? '').split(',').filter((item) => item.trim() !== '');
  return items.map((item) => {
    let plan: IncidentPlan;
    try {
      plan = parseIncidentPlan(item);
    } catch (error) {
      throw new ConfigError(name, (error as Error).message);
    }
    if (plan.officeId !== undefined && !officeIds.includes(plan.officeId)) {
      throw new ConfigError(name, `office ${plan.officeId} is not simulated; with ${offices} offices they are ${officeIds.join(', ')}`);
    }
    return plan;
  });
}

function flag(env: Environment, name: string): boolean {
  const value = text(env, name)?.toLowerCase();
  if (value === undefined || ['0', 'false', 'no', 'off'].includes(value)) return false;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  throw new ConfigError(name, `must be 1 or 0 (or true, false, yes, no, on, off), got ${JSON.stringify(value)}`);
}

function alertSettings(env: Environment): AlertSettings {
  return {
    minObservations: integer(env, 'ALERT_MIN_OBSERVATIONS', 20, 1, 1_000_000_000),
    seizureAlertValue: nonNegativeNumber(env, 'SEIZURE_ALERT_VALUE', 100_000),
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
    kpiUpdatesTopic: text(env, 'KAFKA_TOPIC_KPI_UPDATES') ?? 'customs.kpi-updates.v1',
    gatewayGroupId: text(env, 'GATEWAY_GROUP_ID'),
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

function nonNegativeNumber(env: Environment, name: string, fallback: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new ConfigError(name, `must be a number >= 0, got ${JSON.stringify(value)}`);
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

/**
 * `AUTH_JWT_SECRET`, which the distributed apps cannot do without: unlike the standalone demo they must agree on it.
 * @throws ConfigError naming the variable when it is not set.
 */
export function requiredSecret(config: Pick<CustomsPulseConfig, 'authJwtSecret'>): string {
  if (config.authJwtSecret === undefined) throw new ConfigError('AUTH_JWT_SECRET', 'is required by the distributed apps (at least 32 bytes, the same for all)');
  return config.authJwtSecret;
}
