import { quoted } from './postgres-schema-name.js';

/** Every statement the PostgreSQL read model runs, on the tables of one schema. */
export interface PostgresReadModelSql {
  readonly checkpoint: string;
  /** The compare of compare-and-set: locks the checkpoint row until the transaction ends. */
  readonly checkpointForUpdate: string;
  readonly moveCheckpoint: string;
  readonly declarations: string;
  readonly cases: string;
  readonly buckets: string;
  /** `$1`: a JSON array of `{ subject, facts }`, unique by subject. */
  readonly upsertDeclarations: string;
  /** `$1`: a JSON array of `{ subject, facts }`, unique by subject. */
  readonly upsertCases: string;
  /** `$1`: a JSON array of `{ key, bucket }`, unique by key. */
  readonly upsertBuckets: string;
}

/**
 * The statements for the tables in `schema`, named in full rather than through `search_path`, so that read models of
 * several generations can share one pool. Upserts take a whole batch as one JSON parameter and unpack it with
 * `json_to_recordset`: one round trip for thousands of rows, and the engine's JSON travels as it is.
 */
export function postgresReadModelSql(schema: string): PostgresReadModelSql {
  const table = (name: string): string => `${quoted(schema)}.${name}`;
  const upsertFacts = (name: string): string => `
    INSERT INTO ${table(name)} (subject, facts)
    SELECT subject, facts FROM json_to_recordset($1::json) AS row(subject text, facts json)
    ON CONFLICT (subject) DO UPDATE SET facts = excluded.facts`;
  return {
    checkpoint: `SELECT position, quality FROM ${table('kpi_checkpoint')} WHERE id = 1`,
    checkpointForUpdate: `SELECT position FROM ${table('kpi_checkpoint')} WHERE id = 1 FOR UPDATE`,
    moveCheckpoint: `UPDATE ${table('kpi_checkpoint')} SET position = $1, quality = $2::json WHERE id = 1`,
    declarations: `SELECT subject, facts FROM ${table('kpi_declarations')}`,
    cases: `SELECT subject, facts FROM ${table('kpi_cases')}`,
    buckets: `SELECT bucket FROM ${table('kpi_buckets')}`,
    upsertDeclarations: upsertFacts('kpi_declarations'),
    upsertCases: upsertFacts('kpi_cases'),
    upsertBuckets: `
      INSERT INTO ${table('kpi_buckets')} (bucket_key, bucket)
      SELECT key, bucket FROM json_to_recordset($1::json) AS row(key text, bucket json)
      ON CONFLICT (bucket_key) DO UPDATE SET bucket = excluded.bucket`,
  };
}
