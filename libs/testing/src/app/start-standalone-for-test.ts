import { type CustomsPulseConfig, loadConfig } from '@customs-pulse/config';
import type { Clock } from '@customs-pulse/domain';
import type { EventStore } from '@customs-pulse/event-store';
import type { LogLevel } from '@nestjs/common';
import { type AppUnderTest, startAppForTest } from './app-under-test.js';

/**
 * The standalone app's root module, as apps/standalone's `StandaloneModule` has it. The app is passed in, not
 * imported: a lib does not depend on an app.
 */
export interface StandaloneRootModule {
  forRoot(
    config: CustomsPulseConfig,
    jwtSecret: string,
    options?: { readonly dashboardDir?: string; readonly clock?: Clock; readonly eventStore?: (store: EventStore) => EventStore },
  ): unknown;
}

/** Options of {@link startStandaloneForTest}. */
export interface StandaloneForTestOptions {
  /** Names the data folder. @defaultValue `standalone-e2e` */
  readonly name?: string;
  /** Configuration variables besides `DATA_DIR` and `PORT`, e.g. `{ SIMULATE: '1' }`. */
  readonly env?: Readonly<Record<string, string>>;
  /** The built dashboard to serve at `/`. @defaultValue the standalone app's own */
  readonly dashboardDir?: string;
  /** The app's one clock, for a test that pins the hour. @defaultValue the system clock */
  readonly clock?: Clock;
  /** What the app uses in place of the event store it opens, e.g. an {@link EventLogGate}'s. @defaultValue the store */
  readonly eventStore?: (store: EventStore) => EventStore;
  /** @defaultValue `['warn', 'error']` */
  readonly logger?: LogLevel[];
}

/**
 * The standalone app as `npm start` runs it, on SQLite in a temporary data folder and a free port, with a token
 * per role: the set-up of every standalone end-to-end spec.
 *
 * @example
 * const standalone = await startStandaloneForTest(StandaloneModule, { name: 'alerts-e2e' });
 * afterAll(() => standalone.close());
 */
export function startStandaloneForTest(standaloneModule: StandaloneRootModule, options: StandaloneForTestOptions = {}): Promise<AppUnderTest> {
  return startAppForTest({
    name: options.name ?? 'standalone-e2e',
    rootModule: (dataDir, jwtSecret) =>
      standaloneModule.forRoot(
        loadConfig({ ...options.env, DATA_DIR: dataDir, PORT: '0' }),
        jwtSecret,
        {
          ...(options.dashboardDir === undefined ? {} : { dashboardDir: options.dashboardDir }),
          ...(options.clock === undefined ? {} : { clock: options.clock }),
          ...(options.eventStore === undefined ? {} : { eventStore: options.eventStore }),
        },
      ),
    ...(options.logger ? { logger: options.logger } : {}),
  });
}
