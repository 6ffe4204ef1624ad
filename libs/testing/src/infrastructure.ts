import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { Socket } from 'node:net';

/** `CI=true`: infrastructure a test needs must be there; a missing one fails the run instead of skipping. */
export const inCI = process.env.CI === 'true';

/** The PostgreSQL the integration tests use (trust auth on the development machines). */
export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** True when something accepts TCP connections at `host:port` within `timeoutMs`. */
export function isReachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const finish = (reachable: boolean): void => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.connect(port, host, () => finish(true));
  });
}

/** Resolves whether the test PostgreSQL answers; use with top-level await in an int-spec. */
export async function postgresAvailable(): Promise<boolean> {
  const { hostname, port } = new URL(postgresUrl);
  return isReachable(hostname, Number(port || 5432));
}

/** Debian's Chromium (`apt-get install chromium`), which the browser tests drive with playwright-core. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Resolves whether the browser tests' Chromium is installed and executable; use with top-level await in an e2e-spec. */
export async function chromiumAvailable(): Promise<boolean> {
  try {
    await access(chromiumPath, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
