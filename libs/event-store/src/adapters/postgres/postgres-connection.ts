import pg from 'pg';

/** Schema names are spliced into SQL as quoted identifiers, so they are held to a plain form. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`PostgreSQL schema name ${JSON.stringify(schema)} must match ${SCHEMA_NAME.source}`);
  }
}

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

const TRANSIENT_SQLSTATE_CLASSES = ['08', '40', '53', '57', '58'];
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/**
 * True for failures that say nothing about the data: the server is down, restarting, out of resources, or the
 * connection dropped. The caller may retry the same append; dedupe absorbs it if the first attempt did commit.
 */
export function isTransientPostgresError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (TRANSIENT_NODE_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code)) return TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2));
  }
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(error.message);
}
