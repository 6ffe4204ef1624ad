// A module-customization hook (node:module register): compiles the repository's TypeScript with SWC as
// jest.config.js does, decorator metadata included, which tsx (esbuild) leaves out. See app-modules.ts.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import swc from '@swc/core';

interface LoadContext {
  readonly format?: string | null;
}
interface LoadResult {
  readonly format: string;
  readonly source: string | ArrayBuffer | Uint8Array;
  readonly shortCircuit?: boolean;
}

export async function load(
  url: string,
  context: LoadContext,
  nextLoad: (url: string, context: LoadContext) => Promise<LoadResult>,
): Promise<LoadResult> {
  if (!url.startsWith('file:') || !url.endsWith('.ts') || url.includes('/node_modules/')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const { code } = await swc.transform(await readFile(file, 'utf8'), {
    filename: file,
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  });
  return { format: 'module', source: code, shortCircuit: true };
}
