import type pg from 'pg';

/**
 * Most rows sent in one statement. A batch may hold a hundred thousand rows (a rebuild's first commits); in slices
 * this size, each statement's JSON stays a few megabytes while round trips stay few.
 */
export const ROWS_PER_STATEMENT = 2000;

/** The fewest rows a statement is cut down to after statement timeouts (see `PostgresKpiReadModel`). */
export const MIN_ROWS_PER_STATEMENT = 50;

/**
 * Runs `sql`, an upsert that unpacks `$1` with `json_to_recordset`, over `rows` in slices. Rows are made unique by
 * `keyOf` first, the last one winning as it would row by row: a single `ON CONFLICT DO UPDATE` refuses to touch one
 * row twice.
 */
export async function batchedUpsert<Row>(
  client: pg.ClientBase,
  sql: string,
  rows: readonly Row[],
  keyOf: (row: Row) => string,
  rowsPerStatement = ROWS_PER_STATEMENT,
): Promise<void> {
  if (rows.length === 0) return;
  const unique = [...new Map(rows.map((row) => [keyOf(row), row])).values()];
  for (let from = 0; from < unique.length; from += rowsPerStatement) {
    await client.query(sql, [JSON.stringify(unique.slice(from, from + rowsPerStatement))]);
  }
}
