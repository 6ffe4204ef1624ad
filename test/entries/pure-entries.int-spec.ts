import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const probe = fileURLToPath(new URL('./loaded-packages.ts', import.meta.url));

/** Database and transport clients: only an adapter's own entry point may load them. */
const DRIVERS = ['pg', 'better-sqlite3', '@kurrent/kurrentdb-client', 'kafkajs', 'socket.io'];

/**
 * Entry points that code without a framework imports (the engine, the audit's verifier, the alert rules, the
 * benches, `npm run audit:verify`): neither a driver nor NestJS. Ports know no framework (style.md), so NestJS counts
 * here even though it opens no connection: loading it would make every such import pay for the framework.
 */
const FRAMEWORK_FREE = [
  '@customs-pulse/domain',
  '@customs-pulse/backoff',
  '@customs-pulse/event-store',
  '@customs-pulse/kpi',
  '@customs-pulse/audit',
  '@customs-pulse/config',
  '@customs-pulse/simulation',
  '@customs-pulse/simulation/random',
  '@customs-pulse/sql',
];

/** NestJS entry points that wire no adapter: they may load the framework, never a driver. */
const DRIVER_FREE = ['@customs-pulse/auth', '@customs-pulse/http'];

/** The npm packages a fresh Node process loads to import `specifier` from the sources, as the benches run them. */
async function packagesLoadedBy(specifier: string): Promise<string[]> {
  const { stdout } = await run(process.execPath, ['--conditions=@customs-pulse/source', '--import', 'tsx', probe, specifier], {
    cwd: repoRoot,
    timeout: 60_000,
  });
  return JSON.parse(stdout) as string[];
}

const isDriver = (name: string): boolean => DRIVERS.includes(name);
const isDriverOrNest = (name: string): boolean => isDriver(name) || name.startsWith('@nestjs/');

describe('pure entry points', () => {
  it.each(FRAMEWORK_FREE)('%s loads no driver and no NestJS', async (specifier) => {
    expect((await packagesLoadedBy(specifier)).filter(isDriverOrNest)).toEqual([]);
  });

  it.each(DRIVER_FREE)('%s loads no driver', async (specifier) => {
    expect((await packagesLoadedBy(specifier)).filter(isDriver)).toEqual([]);
  });

  it('sees what an entry point that wires adapters loads, CommonJS drivers and ESM-only NestJS alike', async () => {
    expect(await packagesLoadedBy('@customs-pulse/event-store/nest')).toEqual(
      expect.arrayContaining(['better-sqlite3', 'pg', '@kurrent/kurrentdb-client', '@nestjs/common']),
    );
  });
});
