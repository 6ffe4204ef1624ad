import { describe, expect, it } from '@jest/globals';
import type pg from 'pg';

import { batchedUpsert } from './batched-upsert.js';

interface Row {
  readonly key: string;
  readonly value: number;
}

/** A client that records each statement's rows, and how many rows had been keyed when it was sent. */
function recordingClient(keyed: () => number): { client: pg.ClientBase; statements: { keyedBefore: number; rows: Row[]; checkpoint: number }[] } {
  const statements: { keyedBefore: number; rows: Row[]; checkpoint: number }[] = [];
  const query = async (_sql: string, [json, checkpoint]: [string, number]): Promise<{ rows: [] }> => {
    statements.push({ keyedBefore: keyed(), rows: JSON.parse(json) as Row[], checkpoint });
    return { rows: [] };
  };
  return { client: { query } as unknown as pg.ClientBase, statements };
}

describe('batchedUpsert', () => {
  it('keys and serializes one statement’s rows before sending it, not a whole commit’s', async () => {
    let keyed = 0;
    const keyOf = (row: Row): string => {
      keyed += 1;
      return row.key;
    };
    const { client, statements } = recordingClient(() => keyed);
    const rows = Array.from({ length: 5_000 }, (_, index) => ({ key: `k${index}`, value: index }));

    await batchedUpsert(client, 'UPSERT', 7, rows, keyOf, 2_000);

    expect(statements.map(({ keyedBefore, rows: sent, checkpoint }) => [keyedBefore, sent.length, checkpoint])).toEqual([
      [2_000, 2_000, 7],
      [4_000, 2_000, 7],
      [5_000, 1_000, 7],
    ]);
  });

  it('sends the last row of a key once per statement, and a key in two statements in order, so that the last wins', async () => {
    const { client, statements } = recordingClient(() => 0);
    const rows = [
      { key: 'a', value: 1 },
      { key: 'b', value: 2 },
      { key: 'a', value: 3 },
      { key: 'a', value: 4 },
    ];

    await batchedUpsert(client, 'UPSERT', 7, rows, (row) => row.key, 3, (row, key) => ({ key, value: row.value * 10 }));

    expect(statements.map(({ rows: sent }) => sent)).toEqual([
      [{ key: 'a', value: 30 }, { key: 'b', value: 20 }],
      [{ key: 'a', value: 40 }],
    ]);
  });
});
