import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const DASHBOARD_ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITE = fileURLToPath(new URL('../../../node_modules/vite/bin/vite.js', import.meta.url));

/**
 * Builds the page from its sources into `outDir` with Vite, as `npm run build` does into `dist/`: the browser tests
 * drive what the sources are now, never a stale build, and leave `dist/` alone.
 */
export async function buildDashboard(outDir: string): Promise<void> {
  await promisify(execFile)(process.execPath, [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: DASHBOARD_ROOT });
}
