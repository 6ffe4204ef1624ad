import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Run as `node --conditions=@customs-pulse/source --import tsx loaded-packages.ts <specifier>`: imports the entry
 * point and prints, as a JSON array, every npm package the process loaded. Both module systems are counted, since
 * either can hide a driver: the ESM loader's resolutions (a hook that logs every URL it resolves; ESM-only packages
 * such as NestJS 12 never reach `require.cache`) and `require.cache` (the CommonJS files a CommonJS driver such as
 * better-sqlite3 or kafkajs requires from inside, which ESM hooks never see).
 */
const specifier = process.argv[2];
if (!specifier) throw new Error('usage: loaded-packages.ts <module specifier>');

const folder = mkdtempSync(join(tmpdir(), 'loaded-packages-'));
const resolutions = join(folder, 'resolved.txt');
// The hooks run on the loader's own thread; appending synchronously means every resolution of the entry's graph is
// on disk by the time its import settles.
const hooks = `
  import { appendFileSync } from 'node:fs';
  let log;
  export function initialize(data) { log = data.log; }
  export async function resolve(specifier, context, nextResolve) {
    const resolved = await nextResolve(specifier, context);
    appendFileSync(log, resolved.url + '\\n');
    return resolved;
  }`;
appendFileSync(resolutions, '');
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { log: resolutions } });

await import(specifier);

const esm = readFileSync(resolutions, 'utf8').split('\n').filter((url) => url.startsWith('file:')).map((url) => fileURLToPath(url));
const cjs = Object.keys(createRequire(import.meta.url).cache);
rmSync(folder, { recursive: true, force: true });

// A file's package is the one after its last `node_modules` (a dependency's own dependencies nest).
const PACKAGE = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](?!.*[\\/]node_modules[\\/])/;
const packages = new Set<string>();
for (const path of [...esm, ...cjs]) {
  const name = PACKAGE.exec(path)?.[1];
  if (name) packages.add(name.replace('\\', '/'));
}
process.stdout.write(`${JSON.stringify([...packages].sort())}\n`);
