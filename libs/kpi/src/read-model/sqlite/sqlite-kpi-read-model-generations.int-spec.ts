import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

import { KpiProjectionLeaseHeldError } from '../read-model-generations.port.js';
import { kpiReadModelGenerationsContract } from '../testing/kpi-read-model-generations.contract.js';
import { SqliteKpiReadModelGenerations } from './sqlite-kpi-read-model-generations.js';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

/** Generation numbers of the files in `folder`: a database, or a WAL, shared-memory or journal file left alone. */
function generationFiles(folder: string): number[] {
  const numbers = readdirSync(folder).flatMap((name) => /^read-model-(\d+)\.sqlite/.exec(name)?.[1] ?? []);
  return [...new Set(numbers.map(Number))].sort((a, b) => a - b);
}

/** A process asking for the lease on `directory` (testing/sqlite-lease-process.ts); `hold` keeps it once taken. */
function leaseProcess(directory: string, hold: boolean): { child: ChildProcess; answer: Promise<string> } {
  const child = spawn(
    process.execPath,
    ['--conditions=@customs-pulse/source', '--import', 'tsx', 'libs/kpi/src/read-model/testing/sqlite-lease-process.ts'],
    { cwd: repoRoot, env: { ...process.env, GENERATIONS_DIR: directory, HOLD: hold ? '1' : '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const answer = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const line = output.join('').split('\n').find((text) => /^(leased|refused)/.test(text));
      if (line !== undefined) resolve(line);
    });
    child.once('exit', () => reject(new Error(`the lease process exited without answering: ${output.join('')}`)));
  });
  return { child, answer };
}

describe('SqliteKpiReadModelGenerations', () => {
  kpiReadModelGenerationsContract(() => {
    const directory = mkdtempSync(join(tmpdir(), 'kpi-generations-'));
    return {
      open: async () => SqliteKpiReadModelGenerations.open({ directory }),
      storedGenerations: async () => generationFiles(directory),
      dispose: async () => rmSync(directory, { recursive: true, force: true }),
    };
  });

  describe('the lease between processes', () => {
    let directory: string;
    const children: ChildProcess[] = [];
    const opened: SqliteKpiReadModelGenerations[] = [];
    const open = (): SqliteKpiReadModelGenerations => {
      const generations = SqliteKpiReadModelGenerations.open({ directory });
      opened.push(generations);
      return generations;
    };

    beforeEach(() => {
      directory = mkdtempSync(join(tmpdir(), 'kpi-generations-lease-'));
    });

    afterEach(async () => {
      for (const child of children.splice(0)) child.kill('SIGKILL');
      for (const generations of opened.splice(0)) await generations.close();
      rmSync(directory, { recursive: true, force: true });
    });

    it('refuses another process while this one holds the lease, and lets it in once closed', async () => {
      const generations = open();
      await generations.active();

      expect(await leaseProcess(directory, false).answer).toBe('refused KpiProjectionLeaseHeldError');

      await generations.close();
      expect(await leaseProcess(directory, false).answer).toBe('leased');
    });

    it('refuses this process while another holds the lease, and lets it in once that one was killed', async () => {
      const holder = leaseProcess(directory, true);
      children.push(holder.child);
      expect(await holder.answer).toBe('leased');

      expect(() => open()).toThrow(KpiProjectionLeaseHeldError);

      const exited = new Promise((resolve) => holder.child.once('exit', resolve));
      holder.child.kill('SIGKILL');
      await exited;
      expect((await open().active()).generation).toBe(1);
    });
  });
});
