/**
 * Schema names are spliced into SQL as quoted identifiers, so they are held to a plain form, short enough that a
 * generation's `<schema>_g<n>` still fits PostgreSQL's 63 bytes.
 */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

/** @throws Error when `schema` is not a plain lower-case identifier of at most 48 characters. */
export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`PostgreSQL schema name ${JSON.stringify(schema)} must match ${SCHEMA_NAME.source}`);
  }
}

/** `schema` as a quoted SQL identifier; call {@link assertSchemaName} first. */
export function quoted(schema: string): string {
  return `"${schema}"`;
}
