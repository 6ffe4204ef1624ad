import { afterAll, expect, it } from '@jest/globals';
import type { PostgresSessionLimits } from '@customs-pulse/sql';
import { createPostgresPool, isTransientPostgresError } from '@customs-pulse/sql/postgres';
import { dropSchemas, postgresAvailable, postgresUrl, uniqueSchemaName } from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import pg from 'pg';
import { clearanceEvent } from '../../contract/event-fixtures.js';
import { EventStoreUnavailableError } from '../../errors.js';
import { PostgresEventStore } from './postgres-event-store.js';

const schemas: string[] = [];
const closing: { close?: () => Promise<void>; end?: () => Promise<void> }[] = [];

/** The statement an append begins with: its transaction takes the store's append lock. */
const TAKE_APPEND_LOCK = `BEGIN; SELECT pg_advisory_xact_lock(hashtext('customs-pulse/event_log/' || current_schema()))`;

async function openStore(schema: string, sessionLimits: PostgresSessionLimits): Promise<PostgresEventStore> {
  if (!schemas.includes(schema)) schemas.push(schema);
  const store = await PostgresEventStore.open({ connectionString: postgresUrl, schema, sessionLimits });
  closing.push(store);
  return store;
}

/** Milliseconds `work` took to settle, and how. */
async function timed<T>(work: Promise<T>): Promise<{ ms: number; outcome: PromiseSettledResult<T> }> {
  const started = performance.now();
  const [outcome] = await Promise.allSettled([work]);
  return { ms: performance.now() - started, outcome: outcome! };
}

describeWithInfrastructure(`PostgreSQL at ${postgresUrl}`, await postgresAvailable(), 'PostgreSQL session limits of the event store', () => {
  afterAll(async () => {
    for (const resource of closing.splice(0)) await (resource.close ?? resource.end)?.call(resource);
    await dropSchemas(schemas);
  });

  it('ends a session left idle in its transaction holding the append lock, so that the next append succeeds', async () => {
    const schema = uniqueSchemaName('idle');
    const limits = { lockTimeoutMs: 20_000, statementTimeoutMs: 20_000, idleInTransactionTimeoutMs: 300 };
    const store = await openStore(schema, limits);
    // A worker of the same kind of pool, stuck between the statements of its append.
    const pool = createPostgresPool({ connectionString: postgresUrl, options: `-c search_path=${schema}`, max: 1 }, limits);
    closing.push(pool);
    const stuck = await pool.connect();
    const ended = new Promise<Error>((resolve) => stuck.once('error', resolve));
    await stuck.query(TAKE_APPEND_LOCK);

    const { ms, outcome } = await timed(store.append('DEC-AFTER-STUCK', [clearanceEvent('DEC-AFTER-STUCK')], 'no_stream'));
    const endedWith = await Promise.race([ended, timed(Promise.resolve()).then(() => null)]);
    // Destroyed, never reused: its session is gone.
    stuck.release(true);

    expect(outcome).toMatchObject({ status: 'fulfilled', value: { outcomes: [{ status: 'appended' }] } });
    // Well before the lock timeout: the server ended the stuck session after its idle timeout.
    expect(ms).toBeLessThan(10_000);
    expect(String(endedWith)).toMatch(/idle-in-transaction timeout|terminat/i);
  });

  it('fails an append waiting on a held append lock after the lock timeout, as transient, instead of hanging', async () => {
    const schema = uniqueSchemaName('locked');
    const store = await openStore(schema, { lockTimeoutMs: 300, statementTimeoutMs: 20_000, idleInTransactionTimeoutMs: 20_000 });
    // A holder without limits: the lock stays held however long the append waits.
    const holder = new pg.Client({ connectionString: postgresUrl, options: `-c search_path=${schema}` });
    await holder.connect();
    closing.push(holder);
    await holder.query(TAKE_APPEND_LOCK);

    const { ms, outcome } = await timed(store.append('DEC-BEHIND-LOCK', [clearanceEvent('DEC-BEHIND-LOCK')], 'no_stream'));
    await holder.query('ROLLBACK');

    expect(outcome.status).toBe('rejected');
    const error = (outcome as PromiseRejectedResult).reason as Error;
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error.cause as { code?: string }).code).toBe('55P03');
    expect(isTransientPostgresError(error.cause)).toBe(true);
    expect(ms).toBeLessThan(5_000);
    // Retried once the lock is free, the same append succeeds.
    await expect(store.append('DEC-BEHIND-LOCK', [clearanceEvent('DEC-BEHIND-LOCK')], 'no_stream')).resolves.toMatchObject({ outcomes: [{ status: 'appended' }] });
  });
});
