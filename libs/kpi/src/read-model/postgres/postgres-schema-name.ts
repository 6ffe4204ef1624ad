import { assertSchemaName } from '@customs-pulse/sql/postgres';

/** A generation's `<schema>_g<n>` must still fit PostgreSQL's 63 bytes, so the read model's own name is shorter. */
const MAX_READ_MODEL_SCHEMA_LENGTH = 48;

/** @throws Error when `schema` is not a plain lower-case identifier of at most 48 characters. */
export function assertReadModelSchemaName(schema: string): void {
  assertSchemaName(schema, MAX_READ_MODEL_SCHEMA_LENGTH);
}

/** `schema` as a quoted SQL identifier; call {@link assertReadModelSchemaName} first. */
export function quoted(schema: string): string {
  return `"${schema}"`;
}
