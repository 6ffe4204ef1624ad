import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { buildOutputProblem } from './app-build-outputs.js';
import { REPOSITORY } from './compose-file.js';

const dockerfile = readFileSync(new URL('Dockerfile', REPOSITORY), 'utf8');

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** The instructions of each stage, continuation lines joined and comments left out. */
function stages(text: string): Instruction[][] {
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...args] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: args.join(' ') };
    });
  const result: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') result.push([]);
    result.at(-1)?.push(instruction);
  }
  return result;
}

const [build, runtime] = [stages(dockerfile).at(0)!, stages(dockerfile).at(-1)!];
const runs = (stage: Instruction[]): string[] => stage.filter(({ keyword }) => keyword === 'RUN').map(({ args }) => args);

describe('Dockerfile', () => {
  it('builds in one stage and runs in another, from a Node 24 image', () => {
    expect(stages(dockerfile).length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24[\w.-]*$/m);
    for (const stage of [build, runtime]) expect(stage[0]!.args).toMatch(/^\$\{NODE_IMAGE\}/);
  });

  it('does not run as root', () => {
    const users = runtime.filter(({ keyword }) => keyword === 'USER').map(({ args }) => args.split(':')[0]);

    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0']).not.toContain(users.at(-1));
  });

  it('can compile better-sqlite3: python3, make and g++ in the build stage', () => {
    const install = runs(build).find((command) => command.includes('apt-get install'));

    expect(install?.split(/\s+/)).toEqual(expect.arrayContaining(['python3', 'make', 'g++']));
  });

  it('installs the locked versions with npm ci and builds with npm run build', () => {
    expect(runs(build).some((command) => /\bnpm ci\b/.test(command))).toBe(true);
    expect(runs(build).some((command) => command.includes('npm run build'))).toBe(true);
  });

  it('copies the manifest of every workspace in package.json before npm ci', () => {
    const { workspaces } = JSON.parse(readFileSync(new URL('package.json', REPOSITORY), 'utf8')) as { workspaces: string[] };
    const install = build.findIndex(({ keyword, args }) => keyword === 'RUN' && /\bnpm ci\b/.test(args));
    const copied = build.slice(0, install).filter(({ keyword }) => keyword === 'COPY').map(({ args }) => args);

    expect(workspaces.filter((workspace) => !copied.includes(`${workspace}/package.json ${workspace}/`))).toEqual([]);
  });

  it('names as commands only what npm run build makes of the apps', () => {
    const scripts = [...dockerfile.matchAll(/\bnode\W+(apps\/[\w./-]+\.js)/g)].map(([, script]) => script!);
    const command = runtime.find(({ keyword }) => keyword === 'CMD')!;

    expect(scripts.length).toBeGreaterThan(0);
    expect(JSON.parse(command.args)).toEqual(['node', 'apps/standalone/dist/main.js']);
    expect(scripts.map((script) => [script, buildOutputProblem(script)])).toEqual(scripts.map((script) => [script, undefined]));
  });

  it('keeps what is installed or built on the host out of the build context', () => {
    const ignored = readFileSync(new URL('.dockerignore', REPOSITORY), 'utf8').split('\n');

    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git']));
  });
});
