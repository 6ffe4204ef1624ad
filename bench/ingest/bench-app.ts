import { randomBytes } from 'node:crypto';
import type { AppModules } from './app-modules.js';
import { BENCH_REPORTING_CURRENCY } from './producer-events.js';

/** The standalone app serving on 127.0.0.1, and a token of the `ingest` role signed with its secret. */
export interface RunningApp {
  readonly url: string;
  readonly ingestToken: string;
  close(): Promise<void>;
}

/**
 * Starts the real standalone app in this process, as main.ts assembles it, from `environment` (`loadConfig`'s
 * input) on 127.0.0.1, port 0. Only warnings and errors are logged.
 */
export async function startBenchApp(modules: AppModules, environment: Record<string, string>): Promise<RunningApp> {
  const secret = randomBytes(32).toString('base64url');
  const config = modules.loadConfig({ ...environment, REPORTING_CURRENCY: BENCH_REPORTING_CURRENCY });
  const app = await modules.createHttpApp(modules.StandaloneModule.forRoot(config, secret), { logger: ['warn', 'error'] });
  try {
    await app.listen(0, '127.0.0.1');
    const ingestToken = await modules.issueAccessToken(new TextEncoder().encode(secret), ['ingest']);
    return { url: await app.getUrl(), ingestToken, close: () => app.close() };
  } catch (error) {
    await app.close();
    throw error;
  }
}
