import type pg from 'pg';

/**
 * Most rows sent in one statement. A batch may hold a hundred thousand rows (a rebuild's first commits); in slices
 * this size, each statement's JSON stays a few megabytes while round trips stay few.
 */
export const ROWS_PER_STATEMENT = 2000;

/** The fewest rows a statement is cut down to after statement timeouts (see `PostgresKpiReadModel`). */
export const MIN_ROWS_PER_STATEMENT = 50;

/**
 * Runs `sql`, an upsert that unpacks `$1` with `json_to_recordset` and stamps each row with `$2`, the `checkpoint` the
 * commit moves to, over `rows` in slices, each row sent as `sentAs(row, key)`. A slice is keyed by `keyOf`, made
 * unique (the last row of a key wins: a single `ON CONFLICT DO UPDATE` refuses to touch one row twice) and
 * serialized only when its turn comes: the event loop is held for one slice's work at a time, the round trips
 * between slices letting it turn, where keying a whole rebuild's commit at once held it for tens of milliseconds. A
 * key in two slices is written by both statements in order, so the last row still wins, as row by row.
 */
export async function batchedUpsert<Row>(
  client: pg.ClientBase,
  sql: string,
  checkpoint: number,
  rows: readonly Row[],
  keyOf: (row: Row) => string,
  rowsPerStatement = ROWS_PER_STATEMENT,
  sentAs: (row: Row, key: string) => unknown = (row) => row,
): Promise<void> {
  for (let from = 0; from < rows.length; from += rowsPerStatement) {
    const unique = new Map<string, unknown>();
    for (let index = from; index < Math.min(from + rowsPerStatement, rows.length); index += 1) {
      const row = rows[index]!;
      const key = keyOf(row);
      unique.set(key, sentAs(row, key));
    }
    await client.query(sql, [JSON.stringify([...unique.values()]), checkpoint]);
  }
}
