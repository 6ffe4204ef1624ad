import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pg from 'pg';
import { describeWithInfrastructure } from './jest/describe-with-infrastructure.js';
import { type ThrowawayPostgres, throwawayPostgres, throwawayPostgresMissing } from './throwaway-postgres.js';

const missing = await throwawayPostgresMissing();

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describeWithInfrastructure(`PostgreSQL 15's binaries and the postgres user (${missing})`, missing === null, 'a throwaway PostgreSQL cluster', () => {
  let cluster: ThrowawayPostgres;

  beforeAll(async () => {
    cluster = await throwawayPostgres();
  });

  afterAll(() => cluster?.remove());

  it('listens on 127.0.0.1 at a port of its own, with trust auth, never the shared cluster\'s 5432', async () => {
    expect(cluster.port).not.toBe(5432);
    expect(cluster.url).toBe(`postgres://postgres@127.0.0.1:${cluster.port}/postgres`);
    expect(await query(cluster.url, "SELECT current_setting('listen_addresses') AS listen")).toEqual([{ listen: '127.0.0.1' }]);
  });

  it('keeps committed data across a fast stop, an immediate stop and a SIGKILL of all its processes', async () => {
    await query(cluster.url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (1)');
    for (const stop of [() => cluster.stop('fast'), () => cluster.stop('immediate'), () => cluster.kill()]) {
      await stop();
      await expect(query(cluster.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
      await cluster.start();
      expect(await query(cluster.url, 'SELECT n FROM kept')).toEqual([{ n: 1 }]);
    }
  });

  it('deletes its folder once removed, and refuses connections', async () => {
    const scratch = await throwawayPostgres();
    expect(existsSync(scratch.folder)).toBe(true);
    await scratch.remove();
    await expect(query(scratch.url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
    expect(existsSync(scratch.folder)).toBe(false);
  });
});
