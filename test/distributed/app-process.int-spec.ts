import { afterAll, expect, it } from '@jest/globals';
import { AppProcesses } from '@customs-pulse/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The ingest app on SQLite over HTTP only: the quickest app to start, and it needs no server. */
const INGEST = 'apps/ingest/src/main.ts';
const SECRET = 'app-process-int-secret-of-at-least-32-bytes';
const dataDir = mkdtempSync(join(tmpdir(), 'app-process-'));
const apps = new AppProcesses();

afterAll(async () => {
  await apps.stopAll();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

it('starts an app configured by its environment, waits for its readiness, and stops it with SIGTERM', async () => {
  const ingest = await apps.start({ name: 'ingest', main: INGEST, env: { DATA_DIR: join(dataDir, 'stopped'), AUTH_JWT_SECRET: SECRET } });

  expect((await fetch(`${ingest.url}/health/ready`)).status).toBe(200);
  await ingest.stop();

  expect(ingest.running).toBe(false);
  expect(ingest.report()).toMatch(/\(pid \d+, exited: (SIGTERM|code 0)\)/);
}, 120_000);

it('kills an app with SIGKILL', async () => {
  const ingest = await apps.start({ name: 'ingest', main: INGEST, env: { DATA_DIR: join(dataDir, 'killed'), AUTH_JWT_SECRET: SECRET } });

  await ingest.kill();

  expect(ingest.running).toBe(false);
  expect(ingest.report()).toContain('exited: SIGKILL');
}, 120_000);

it('rejects with the app\'s last output when it exits before it is ready', async () => {
  const starting = apps.start({ name: 'ingest', main: INGEST, env: { DATA_DIR: join(dataDir, 'refused') } });

  // The distributed apps refuse to start without the secret they must share, and say so.
  await expect(starting).rejects.toThrow(/ingest did not start: it exited \(code 1\) before it was ready[\s\S]*AUTH_JWT_SECRET/);
}, 120_000);
