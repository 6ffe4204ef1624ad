/**
 * Another process asking for the SQLite projection lease, for sqlite-kpi-read-model-generations.int-spec.ts: opens
 * the generations in `GENERATIONS_DIR` and prints `leased` or `refused <error name>`. With `HOLD=1` it then keeps the
 * lease until killed; else it closes and exits.
 */
import { SqliteKpiReadModelGenerations } from '../sqlite/sqlite-kpi-read-model-generations.js';

const directory = process.env['GENERATIONS_DIR'];
if (directory === undefined) throw new Error('GENERATIONS_DIR is required');

try {
  const generations = SqliteKpiReadModelGenerations.open({ directory });
  await generations.active();
  process.stdout.write('leased\n');
  // The timer keeps `generations` reachable: once collected, better-sqlite3 closes the connection and the lease with it.
  if (process.env['HOLD'] === '1') setInterval(() => generations, 60_000);
  else await generations.close();
} catch (error) {
  process.stdout.write(`refused ${error instanceof Error ? error.name : String(error)}\n`);
}
