import { issueAccessToken, ROLES, type Role } from '@customs-pulse/auth';
import { createHttpApp } from '@customs-pulse/http';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The JWT secret of every app a test starts: 32 bytes or more, as `AUTH_JWT_SECRET` must be. */
export const TEST_JWT_SECRET = 'e2e-secret-that-is-at-least-32-bytes-long';

/** Options of {@link startAppForTest}. */
export interface AppForTestOptions {
  /** Names the app's temporary data folder (`customs-pulse-<name>-` and a random suffix), so that a leftover says whose it is. */
  readonly name: string;
  /** The app's root module on `dataDir`, its tokens signed with `jwtSecret`. */
  readonly rootModule: (dataDir: string, jwtSecret: string) => unknown;
  /** @defaultValue `['warn', 'error']` */
  readonly logger?: LogLevel[];
}

/** An HTTP app a test started on a data folder of its own, listening on a free port of 127.0.0.1. */
export interface AppUnderTest {
  /** The running app; another object after {@link AppUnderTest.start}. */
  readonly app: INestApplication;
  /** Where it listens, e.g. `http://127.0.0.1:40123`; another port after {@link AppUnderTest.start}. */
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly jwtSecret: string;
  /** A valid access token for each role alone, with the subject `<role>-1` (e.g. `risk-1`). */
  readonly tokens: Readonly<Record<Role, string>>;
  /** Closes the app and keeps its data: half of a restart. */
  stop(): Promise<void>;
  /** Starts the app again on the same data, as a restart does. */
  start(): Promise<void>;
  /** Closes the app if it runs and removes its data folder: for `afterAll`. */
  close(): Promise<void>;
}

/** Starts an app as its `main.ts` would, for an end-to-end test; {@link AppUnderTest.close} cleans up after it. */
export async function startAppForTest(options: AppForTestOptions): Promise<AppUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), `customs-pulse-${options.name}-`));
  const key = new TextEncoder().encode(TEST_JWT_SECRET);
  const tokens = Object.fromEntries(
    await Promise.all(ROLES.map(async (role) => [role, await issueAccessToken(key, [role], { subject: `${role}-1` })] as const)),
  ) as Record<Role, string>;
  let running: { app: INestApplication; baseUrl: string } | null = null;

  const start = async (): Promise<void> => {
    if (running) throw new Error(`the ${options.name} app is already running`);
    const app = await createHttpApp(options.rootModule(dataDir, TEST_JWT_SECRET), { logger: options.logger ?? ['warn', 'error'] });
    try {
      await app.listen(0, '127.0.0.1');
      running = { app, baseUrl: await app.getUrl() };
    } catch (error) {
      await app.close();
      throw error;
    }
  };
  const stop = async (): Promise<void> => {
    const app = running?.app;
    running = null;
    await app?.close();
  };
  const runningApp = (): { app: INestApplication; baseUrl: string } => {
    if (!running) throw new Error(`the ${options.name} app is not running`);
    return running;
  };

  try {
    await start();
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    get app() {
      return runningApp().app;
    },
    get baseUrl() {
      return runningApp().baseUrl;
    },
    dataDir,
    jwtSecret: TEST_JWT_SECRET,
    tokens,
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
