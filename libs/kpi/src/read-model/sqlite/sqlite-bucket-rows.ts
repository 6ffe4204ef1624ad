import { type BucketJson } from '../../engine/buckets.js';
import { type SqliteBucketRow } from './sqlite-read-model-statements.js';

/** The bucket a SQLite row holds. @throws SyntaxError when it is not JSON */
export function bucketOfSqliteRow(row: SqliteBucketRow): BucketJson {
  return JSON.parse(row.bucket) as BucketJson;
}
