import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('defaults to the standalone demo: port 3000, ./data, SQLite in the data folder, USD', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      dataDir: resolve('./data'),
      eventStore: { adapter: 'sqlite', file: resolve('./data/events.sqlite') },
      authJwtSecret: undefined,
      reportingCurrency: 'USD',
      kafka: undefined,
      kpi: { readModel: { adapter: 'sqlite', directory: resolve('./data/kpi') }, releaseTargetHours: 24 },
    });
  });

  it('keeps the KPI read model on PostgreSQL when the event store is there, in KPI_SCHEMA', () => {
    const config = loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://db/customs', KPI_SCHEMA: 'kpis', RELEASE_TARGET_HOURS: '12.5' });

    expect(config.kpi).toEqual({
      readModel: { adapter: 'postgres', connectionString: 'postgres://db/customs', schema: 'kpis' },
      releaseTargetHours: 12.5,
    });
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
      topics: ['customs.clearance.v1', 'customs.enforcement.v1'],
      deadLetterTopic: 'dlq',
    });
  });

  it('configures the PostgreSQL event store from DATABASE_URL and DATABASE_SCHEMA', () => {
    const config = loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://db/customs', DATABASE_SCHEMA: 'pulse' });

    expect(config.eventStore).toEqual({ adapter: 'postgres', connectionString: 'postgres://db/customs', schema: 'pulse' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', /whole number from 0 to 65535/],
    [{ PORT: '70000' }, 'PORT', /whole number/],
    [{ EVENT_STORE: 'mysql' }, 'EVENT_STORE', /one of sqlite, postgres/],
    [{ EVENT_STORE: 'postgres' }, 'DATABASE_URL', /required when EVENT_STORE=postgres/],
    [{ AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET', /at least 32 bytes/],
    [{ REPORTING_CURRENCY: 'usd' }, 'REPORTING_CURRENCY', /ISO 4217/],
    [{ KAFKA_BROKERS: 'localhost' }, 'KAFKA_BROKERS', /host:port/],
    [{ KPI_READ_MODEL: 'redis' }, 'KPI_READ_MODEL', /one of sqlite, postgres/],
    [{ KPI_READ_MODEL: 'postgres' }, 'DATABASE_URL', /required when KPI_READ_MODEL=postgres/],
    [{ RELEASE_TARGET_HOURS: '0' }, 'RELEASE_TARGET_HOURS', /above 0/],
    [{ RELEASE_TARGET_HOURS: 'a day' }, 'RELEASE_TARGET_HOURS', /above 0/],
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
