import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';

/** The PostgreSQL session limits of the Configuration table's defaults. */
const DEFAULT_LIMITS = { lockTimeoutMs: 10_000, statementTimeoutMs: 60_000, idleInTransactionTimeoutMs: 30_000 };

describe('loadConfig', () => {
  it('defaults to the standalone demo: port 3000, ./data, SQLite in the data folder, USD', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      dataDir: resolve('./data'),
      eventStore: { adapter: 'sqlite', file: resolve('./data/events.sqlite') },
      database: undefined,
      authJwtSecret: undefined,
      accessTokens: { maxTokenHours: 24, issuer: undefined, audience: undefined },
      reportingCurrency: 'USD',
      kafka: undefined,
      kpi: { readModel: { adapter: 'sqlite', directory: resolve('./data/kpi') }, releaseTargetHours: 24, readyMaxLagSeconds: 60, heldSubjects: { openMaxDays: 30, closedCacheSize: 10_000 }, heldBuckets: { hourlyDays: 3, dailyDays: 35 }, epochEvents: 10_000 },
      alerts: { minObservations: 20, seizureAlertValue: 100_000 },
      targets: { windowDays: 30 },
      simulation: undefined,
    });
  });

  it('reads the token policy: AUTH_MAX_TOKEN_HOURS, AUTH_ISSUER and AUTH_AUDIENCE', () => {
    expect(loadConfig({ AUTH_MAX_TOKEN_HOURS: '8', AUTH_ISSUER: 'urn:customs:idp', AUTH_AUDIENCE: 'customs-pulse' }).accessTokens).toEqual({
      maxTokenHours: 8,
      issuer: 'urn:customs:idp',
      audience: 'customs-pulse',
    });
    expect(() => loadConfig({ AUTH_MAX_TOKEN_HOURS: '0' })).toThrow(new ConfigError('AUTH_MAX_TOKEN_HOURS', 'must be a number above 0, got "0"'));
  });

  it('turns the in-process simulator on with SIMULATE, with modest defaults', () => {
    expect(loadConfig({ SIMULATE: '1' }).simulation).toEqual({ rate: 1, seed: 1, offices: 4, days: 1, incidents: [] });
    expect(loadConfig({ SIMULATE: 'false' }).simulation).toBeUndefined();
  });

  it('reads SIMULATE_RATE, SIMULATE_SEED, SIMULATE_OFFICES, SIMULATE_DAYS and SIMULATE_INCIDENTS', () => {
    const config = loadConfig({
      SIMULATE: 'on',
      SIMULATE_RATE: '0.5',
      SIMULATE_SEED: '42',
      SIMULATE_OFFICES: '6',
      SIMULATE_DAYS: '0',
      SIMULATE_INCIDENTS: 'office-slowdown@120, seizure-spike:UZ-YAL',
    });

    expect(config.simulation).toEqual({
      rate: 0.5,
      seed: 42,
      offices: 6,
      days: 0,
      incidents: ['office-slowdown@120', 'seizure-spike:UZ-YAL'],
    });
  });

  it('reads TARGET_WINDOW_DAYS, a whole number of days from 1 to 366', () => {
    expect(loadConfig({ TARGET_WINDOW_DAYS: '7' }).targets).toEqual({ windowDays: 7 });
    expect(() => loadConfig({ TARGET_WINDOW_DAYS: '0' })).toThrow(/TARGET_WINDOW_DAYS/);
    expect(() => loadConfig({ TARGET_WINDOW_DAYS: '367' })).toThrow(/TARGET_WINDOW_DAYS/);
  });

  it('reads the alert rules’ ALERT_MIN_OBSERVATIONS and SEIZURE_ALERT_VALUE', () => {
    expect(loadConfig({ ALERT_MIN_OBSERVATIONS: '5', SEIZURE_ALERT_VALUE: '2500.5' }).alerts).toEqual({ minObservations: 5, seizureAlertValue: 2500.5 });
    expect(loadConfig({ SEIZURE_ALERT_VALUE: '0' }).alerts.seizureAlertValue).toBe(0);
  });

  it('keeps the KPI read model on PostgreSQL when the event store is there, in KPI_SCHEMA', () => {
    const config = loadConfig({
      EVENT_STORE: 'postgres',
      DATABASE_URL: 'postgres://db/customs',
      KPI_SCHEMA: 'kpis',
      RELEASE_TARGET_HOURS: '12.5',
      READY_MAX_LAG_SECONDS: '90',
    });

    expect(config.kpi).toEqual({
      readModel: { adapter: 'postgres', connectionString: 'postgres://db/customs', schema: 'kpis', sessionLimits: DEFAULT_LIMITS },
      releaseTargetHours: 12.5,
      readyMaxLagSeconds: 90,
      heldSubjects: { openMaxDays: 30, closedCacheSize: 10_000 },
      heldBuckets: { hourlyDays: 3, dailyDays: 35 },
      epochEvents: 10_000,
    });
  });

  it('gives the PostgreSQL sessions of the event store and the read model PG_*_TIMEOUT_MS, 0 switching one off', () => {
    const config = loadConfig({
      EVENT_STORE: 'postgres',
      DATABASE_URL: 'postgres://db/customs',
      PG_LOCK_TIMEOUT_MS: '2500',
      PG_STATEMENT_TIMEOUT_MS: '0',
      PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: '15000',
    });
    const limits = { lockTimeoutMs: 2_500, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 15_000 };

    expect(config.eventStore).toMatchObject({ sessionLimits: limits });
    expect(config.kpi.readModel).toMatchObject({ sessionLimits: limits });
    expect(() => loadConfig({ PG_LOCK_TIMEOUT_MS: '-1' })).toThrow(/PG_LOCK_TIMEOUT_MS/);
    expect(() => loadConfig({ READY_MAX_LAG_SECONDS: '0' })).toThrow(/READY_MAX_LAG_SECONDS/);
  });

  it('lets KPI_READ_MODEL choose SQLite next to a PostgreSQL event store, and the schema default', () => {
    expect(loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://db/c', KPI_READ_MODEL: 'sqlite', DATA_DIR: '/d' }).kpi.readModel).toEqual({
      adapter: 'sqlite',
      directory: '/d/kpi',
    });
    expect(loadConfig({ KPI_READ_MODEL: 'postgres', DATABASE_URL: 'postgres://db/c' }).kpi.readModel).toMatchObject({ schema: 'customs_pulse_kpi' });
  });

  it('turns Kafka ingest on with KAFKA_BROKERS, with the topics of events.md unless named', () => {
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092, kafka-2:9092', KAFKA_TOPIC_DEADLETTER: 'dlq' }).kafka).toEqual({
      brokers: ['127.0.0.1:9092', 'kafka-2:9092'],
      groupId: 'customs-pulse-ingest',
      sessionTimeoutMs: 30_000,
      poisonMaxAttempts: 3,
      topics: ['customs.clearance.v1', 'customs.enforcement.v1'],
      deadLetterTopic: 'dlq',
      kpiUpdatesTopic: 'customs.kpi-updates.v1',
      gatewayGroupId: undefined,
    });
  });

  it('takes the days of buckets the KPI projection holds in memory from HOURLY_BUCKETS_DAYS and DAILY_BUCKETS_DAYS (1 to 3650)', () => {
    expect(loadConfig({ HOURLY_BUCKETS_DAYS: '2', DAILY_BUCKETS_DAYS: '400' }).kpi.heldBuckets).toEqual({ hourlyDays: 2, dailyDays: 400 });
    expect(() => loadConfig({ HOURLY_BUCKETS_DAYS: '0' })).toThrow(/HOURLY_BUCKETS_DAYS.*1 to 3650/);
    expect(() => loadConfig({ DAILY_BUCKETS_DAYS: '3651' })).toThrow(/DAILY_BUCKETS_DAYS.*1 to 3650/);
  });

  it('takes the events between two epochs of the read model history from AS_OF_EPOCH_EVENTS (1,000 to 10,000,000)', () => {
    expect(loadConfig({ AS_OF_EPOCH_EVENTS: '5000' }).kpi.epochEvents).toBe(5_000);
    expect(() => loadConfig({ AS_OF_EPOCH_EVENTS: '999' })).toThrow(/AS_OF_EPOCH_EVENTS.*1000 to 10000000/);
  });

  it('takes what the KPI projection holds in memory from OPEN_MAX_DAYS (1 to 3650) and CLOSED_CACHE_SIZE (0 to 10,000,000)', () => {
    expect(loadConfig({ OPEN_MAX_DAYS: '7', CLOSED_CACHE_SIZE: '0' }).kpi.heldSubjects).toEqual({ openMaxDays: 7, closedCacheSize: 0 });
    expect(() => loadConfig({ OPEN_MAX_DAYS: '0' })).toThrow(/OPEN_MAX_DAYS.*1 to 3650/);
    expect(() => loadConfig({ CLOSED_CACHE_SIZE: '-1' })).toThrow(/CLOSED_CACHE_SIZE.*0 to 10000000/);
  });

  it('takes the tries of a poison append from KAFKA_POISON_MAX_ATTEMPTS (default 3), and refuses one outside 1 to 100', () => {
    expect(loadConfig({ KAFKA_BROKERS: 'k:9092' }).kafka?.poisonMaxAttempts).toBe(3);
    expect(loadConfig({ KAFKA_BROKERS: 'k:9092', KAFKA_POISON_MAX_ATTEMPTS: '5' }).kafka?.poisonMaxAttempts).toBe(5);
    expect(() => loadConfig({ KAFKA_BROKERS: 'k:9092', KAFKA_POISON_MAX_ATTEMPTS: '0' })).toThrow(/KAFKA_POISON_MAX_ATTEMPTS.*1 to 100/);
    expect(() => loadConfig({ KAFKA_BROKERS: 'k:9092', KAFKA_POISON_MAX_ATTEMPTS: 'three' })).toThrow(/KAFKA_POISON_MAX_ATTEMPTS/);
  });

  it('takes the ingest workers’ session timeout from KAFKA_SESSION_TIMEOUT_MS, and refuses one outside 6 s to 30 min', () => {
    expect(loadConfig({ KAFKA_BROKERS: 'k:9092', KAFKA_SESSION_TIMEOUT_MS: '10000' }).kafka?.sessionTimeoutMs).toBe(10_000);
    expect(() => loadConfig({ KAFKA_BROKERS: 'k:9092', KAFKA_SESSION_TIMEOUT_MS: '500' })).toThrow(/KAFKA_SESSION_TIMEOUT_MS/);
  });

  it('configures the PostgreSQL event store from DATABASE_URL and DATABASE_SCHEMA', () => {
    const config = loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://db/customs', DATABASE_SCHEMA: 'pulse' });

    expect(config.eventStore).toEqual({ adapter: 'postgres', connectionString: 'postgres://db/customs', schema: 'pulse', sessionLimits: DEFAULT_LIMITS });
    expect(config.database).toEqual({ connectionString: 'postgres://db/customs', schema: 'pulse' });
  });

  it('configures the KurrentDB event store from KURRENTDB_URL, with the read model and the tally’s database in PostgreSQL', () => {
    const config = loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://kurrentdb:2113?tls=false', DATABASE_URL: 'postgres://db/customs' });

    expect(config.eventStore).toEqual({ adapter: 'kurrentdb', connectionString: 'kurrentdb://kurrentdb:2113?tls=false' });
    expect(config.database).toEqual({ connectionString: 'postgres://db/customs', schema: 'public' });
    expect(config.kpi.readModel).toEqual({ adapter: 'postgres', connectionString: 'postgres://db/customs', schema: 'customs_pulse_kpi', sessionLimits: DEFAULT_LIMITS });
  });

  it.each(['kurrent://a:2113', 'kdb+discover://a:2113,b:2113', 'esdb://a:2113?tls=false'])('accepts the KurrentDB client’s scheme of %s', (url) => {
    expect(loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: url, DATABASE_URL: 'postgres://db/c' }).eventStore).toMatchObject({ connectionString: url });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', /whole number from 0 to 65535/],
    [{ PORT: '70000' }, 'PORT', /whole number/],
    [{ EVENT_STORE: 'mysql' }, 'EVENT_STORE', /one of sqlite, postgres, kurrentdb/],
    [{ EVENT_STORE: 'postgres' }, 'DATABASE_URL', /required when EVENT_STORE=postgres/],
    [{ EVENT_STORE: 'kurrentdb', DATABASE_URL: 'postgres://db/c' }, 'KURRENTDB_URL', /required when EVENT_STORE=kurrentdb/],
    [{ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'http://kurrentdb:2113', DATABASE_URL: 'postgres://db/c' }, 'KURRENTDB_URL', /KurrentDB connection string/],
    [{ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://kurrentdb:2113' }, 'DATABASE_URL', /required when EVENT_STORE=kurrentdb/],
    [{ AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET', /at least 32 bytes/],
    [{ REPORTING_CURRENCY: 'usd' }, 'REPORTING_CURRENCY', /ISO 4217/],
    [{ KAFKA_BROKERS: 'localhost' }, 'KAFKA_BROKERS', /host:port/],
    [{ KPI_READ_MODEL: 'redis' }, 'KPI_READ_MODEL', /one of sqlite, postgres/],
    [{ KPI_READ_MODEL: 'postgres' }, 'DATABASE_URL', /required when KPI_READ_MODEL=postgres/],
    [{ RELEASE_TARGET_HOURS: '0' }, 'RELEASE_TARGET_HOURS', /above 0/],
    [{ RELEASE_TARGET_HOURS: 'a day' }, 'RELEASE_TARGET_HOURS', /above 0/],
    [{ ALERT_MIN_OBSERVATIONS: '0' }, 'ALERT_MIN_OBSERVATIONS', /whole number from 1/],
    [{ ALERT_MIN_OBSERVATIONS: '2.5' }, 'ALERT_MIN_OBSERVATIONS', /whole number/],
    [{ SEIZURE_ALERT_VALUE: '-1' }, 'SEIZURE_ALERT_VALUE', /number >= 0/],
    [{ SEIZURE_ALERT_VALUE: 'a lot' }, 'SEIZURE_ALERT_VALUE', /number >= 0/],
    [{ SIMULATE: 'maybe' }, 'SIMULATE', /1 or 0/],
    [{ SIMULATE: '1', SIMULATE_RATE: '-2' }, 'SIMULATE_RATE', /number >= 0/],
    [{ SIMULATE: '1', SIMULATE_SEED: 'abc' }, 'SIMULATE_SEED', /whole number/],
    [{ SIMULATE: '1', SIMULATE_OFFICES: '0' }, 'SIMULATE_OFFICES', /whole number from 1/],
    [{ SIMULATE: '1', SIMULATE_DAYS: '400' }, 'SIMULATE_DAYS', /at most 366/],
  ])('stops on %p with an error naming %s', (env, variable, problem) => {
    let thrown: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(thrown).toMatchObject({ variable, message: expect.stringMatching(problem) });
    expect((thrown as Error).message).toContain(variable);
  });
});
