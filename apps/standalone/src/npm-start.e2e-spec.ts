/**
 * The README's first command, as a user runs it: `npm start` builds every package and the dashboard, then starts the
 * built standalone app (apps/standalone/dist/main.js), here with the simulator on. The other e2e specs run the app
 * from its sources, so only this one would notice a build that no longer compiles or a dist that does not start.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { issueAccessToken } from '@customs-pulse/auth';
import { CONFIG_VARIABLES } from '@customs-pulse/config';
import { OutputTail, freePort, waitUntil } from '@customs-pulse/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const secret = 'npm-start-e2e-secret-of-at-least-32-bytes';
const dataDir = mkdtempSync(join(tmpdir(), 'customs-pulse-npm-start-'));
const output = new OutputTail(200);
let child: ChildProcess | undefined;
/**
 * The shell without Customs Pulse's own settings, such as the test run's `KAFKA_BROKERS`: the README's `npm start`
 * runs on its embedded default.
 */
const userShell = Object.fromEntries(Object.entries(process.env).filter(([name]) => !CONFIG_VARIABLES.some((variable) => variable.name === name)));

/** Ends `npm start` and the app it started: they share a process group of their own. */
async function stop(): Promise<void> {
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child!.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => process.kill(-child!.pid!, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('builds, starts the standalone app with simulated traffic, and serves the dashboard and live KPIs', async () => {
    const port = await freePort();
    child = spawn('npm', ['start'], {
      cwd: repoRoot,
      detached: true,
      env: { ...userShell, DATA_DIR: dataDir, PORT: String(port), AUTH_JWT_SECRET: secret, SIMULATE: '1', SIMULATE_DAYS: '0.05', SIMULATE_RATE: '20' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => output.write('stdout', chunk));
    child.stderr!.on('data', (chunk: Buffer) => output.write('stderr', chunk));
    const base = `http://127.0.0.1:${port}`;
    const token = await issueAccessToken(new TextEncoder().encode(secret), ['operator']);
    const ready = async (): Promise<boolean> => {
      if (child!.exitCode !== null) throw new Error(`npm start exited with ${child!.exitCode}:\n${output.text(60)}`);
      return (await fetch(`${base}/health/ready`).catch(() => null))?.status === 200;
    };

    try {
      await waitUntil('npm start built the app and it is ready', ready, 240_000);
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="app"');
      await waitUntil('the simulated lodgements reach the KPIs', async () => {
        const answer = await fetch(`${base}/api/kpis/current`, { headers: { authorization: `Bearer ${token}` } });
        const { values } = (await answer.json()) as { values: { kpiId: string; n: number }[] };
        return (values.find(({ kpiId }) => kpiId === 'pre_arrival_rate')?.n ?? 0) > 0;
      }, 60_000);
    } catch (error) {
      throw new Error(`${String(error)}\nnpm start output:\n${output.text(60)}`, { cause: error });
    }
  }, 330_000);
});
