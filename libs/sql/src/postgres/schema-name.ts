/** PostgreSQL's limit on an identifier, in bytes. */
const MAX_IDENTIFIER_LENGTH = 63;

/**
 * Schema names are spliced into SQL as quoted identifiers, so they are held to a plain form.
 * @param maxLength shorter for an owner that derives names from the schema's (the KPI read model's `<schema>_g<n>`).
 * @throws Error when `schema` is not a plain lower-case identifier of at most `maxLength` characters.
 */
export function assertSchemaName(schema: string, maxLength = MAX_IDENTIFIER_LENGTH): void {
  const plain = new RegExp(`^[a-z_][a-z0-9_]{0,${maxLength - 1}}$`);
  if (!plain.test(schema)) {
    throw new Error(`PostgreSQL schema name ${JSON.stringify(schema)} must match ${plain.source}`);
  }
}
