import pg from 'pg';

// Positions and revisions are `bigint`; as JS numbers they stay exact up to 2^53, far beyond any log here.
const INT8_OID = 20;
const typeParsers = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8_OID && format !== 'binary') return (text: string) => Number(text);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

/** Connection settings shared by the pool and the LISTEN connection: search path on the store's schema, UTC. */
export function connectionConfig(connectionString: string, schema: string): pg.ClientConfig {
  return {
    connectionString,
    options: `-c search_path=${schema} -c TimeZone=UTC`,
    types: typeParsers,
    application_name: 'customs-pulse',
  };
}
