import { existsSync, readFileSync } from 'node:fs';
import { REPOSITORY } from './compose-file.js';

interface BuildConfig {
  readonly compilerOptions?: { readonly rootDir?: string; readonly outDir?: string };
  readonly references?: readonly { readonly path: string }[];
}

function json<T>(path: string): T {
  return JSON.parse(readFileSync(new URL(path, REPOSITORY), 'utf8')) as T;
}

/**
 * Why `script` (relative to the repository, e.g. `apps/gateway/dist/main.js`) is not what `npm run build` makes of
 * an app, or undefined when it is: the app's `tsconfig.build.json` compiles `<rootDir>/<name>.ts` into
 * `<outDir>/<name>.js`, the root `tsconfig.build.json` builds that project, and an app's `main.js` is its
 * package's `main`.
 */
export function buildOutputProblem(script: string): string | undefined {
  const match = /^apps\/([a-z-]+)\/(.+)\.js$/.exec(script);
  if (!match) return `${script} is not a script under apps/<app>/`;
  const [, app, output] = match as unknown as [string, string, string];
  const project = `apps/${app}/tsconfig.build.json`;
  if (!existsSync(new URL(project, REPOSITORY))) return `${project} does not exist`;
  const { rootDir = '.', outDir = '.' } = json<BuildConfig>(project).compilerOptions ?? {};
  if (!output.startsWith(`${outDir}/`)) return `${script} is not in ${project}'s outDir (${outDir})`;
  const source = `apps/${app}/${rootDir}/${output.slice(outDir.length + 1)}.ts`;
  if (!existsSync(new URL(source, REPOSITORY))) return `${script} would be compiled from ${source}, which does not exist`;
  const built = (json<BuildConfig>('tsconfig.build.json').references ?? []).map(({ path }) => path);
  if (!built.includes(project)) return `npm run build does not build ${project} (not referenced by tsconfig.build.json)`;
  const { main } = json<{ main?: string }>(`apps/${app}/package.json`);
  if (output.endsWith('/main') && main !== `${output}.js`) return `apps/${app}/package.json's main is ${main}, not ${output}.js`;
  return undefined;
}
