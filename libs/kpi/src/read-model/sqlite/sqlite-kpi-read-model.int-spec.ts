import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

import { kpiReadModelContract } from '../testing/kpi-read-model.contract.js';
import { KpiReadModelUnloadableError } from '../unloadable-read-model-error.js';
import { SqliteKpiReadModel } from './sqlite-kpi-read-model.js';

describe('SqliteKpiReadModel', () => {
  kpiReadModelContract(() => {
    const folder = mkdtempSync(join(tmpdir(), 'kpi-read-model-'));
    const file = join(folder, 'read-model.sqlite');
    return {
      open: async () => SqliteKpiReadModel.open({ file }),
      dispose: async () => rmSync(folder, { recursive: true, force: true }),
    };
  });

  it('refuses to open a file that is no database as unloadable, naming the file, so that the projection rebuilds it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kpi-read-model-'));
    try {
      const file = join(folder, 'read-model.sqlite');
      writeFileSync(file, Buffer.alloc(8192, 0x5a));

      expect(() => SqliteKpiReadModel.open({ file })).toThrow(KpiReadModelUnloadableError);
      expect(() => SqliteKpiReadModel.open({ file })).toThrow(`the SQLite KPI read model ${file} does not open: file is not a database`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
