import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestQualityTallyContract } from '../../ingest-quality-tally.contract.js';
import { SqliteIngestQualityTally } from './sqlite-ingest-quality-tally.js';

const folder = mkdtempSync(join(tmpdir(), 'customs-pulse-ingest-quality-'));
let files = 0;
const freshFile = (): string => join(folder, `data-${(files += 1)}`, 'ingest-quality.sqlite');

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('SqliteIngestQualityTally', () => {
  ingestQualityTallyContract(async () => {
    const file = freshFile();
    return { open: async () => SqliteIngestQualityTally.open({ file }) };
  });

  it('runs in WAL mode, without an fsync per write', async () => {
    const tally = SqliteIngestQualityTally.open({ file: freshFile() });
    const db = (tally as unknown as { db: { pragma(name: string, options: object): unknown } }).db;

    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 1 = NORMAL
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    await tally.close();
  });
});
