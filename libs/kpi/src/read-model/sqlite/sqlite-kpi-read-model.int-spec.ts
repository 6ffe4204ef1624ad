import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from '@jest/globals';

import { kpiReadModelContract } from '../testing/kpi-read-model.contract.js';
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
});
