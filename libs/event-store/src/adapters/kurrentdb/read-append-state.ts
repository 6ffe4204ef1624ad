import { dedupeKey, type AppendLookups, type AppendState, type StoredIdentity } from '../../append-plan.js';
import type { KurrentDbConnection } from './kurrentdb-connection.js';
import { readLogHead } from './read-log-head.js';
import { dedupeRecordFrom } from './kurrentdb-records.js';
import { readLastKurrentEvent } from './kurrentdb-reads.js';
import type { KurrentDbStreamNames } from './kurrentdb-stream-names.js';

/**
 * What `planAppend` needs, read from KurrentDB: the log's head, the last revision of each stream of the batch and
 * the dedupe record of each of its `(source, id)` keys (`lookupsFor`), all read at once. The reads are not one snapshot, and need
 * not be: whatever another writer commits while they run moves the log past the head read here, or a stream or a
 * key past what the append expects of it, and the server then rejects the append, which is planned again.
 */
export async function readAppendState(
  connection: KurrentDbConnection,
  names: KurrentDbStreamNames,
  { keys, streams }: AppendLookups,
  now: Date,
): Promise<AppendState> {
  const [head, revisions, stored] = await Promise.all([
    readLogHead(connection, names),
    Promise.all(
      streams.map(async (stream) => {
        const last = await readLastKurrentEvent(connection, names.subject(stream));
        return last === undefined ? undefined : ([stream, Number(last.revision)] as const);
      }),
    ),
    Promise.all(
      keys.map(async ({ source, id }) => {
        const key = dedupeKey(source, id);
        const record = await readLastKurrentEvent(connection, names.dedupe(key));
        if (record === undefined) return undefined;
        const { position, contentHash } = dedupeRecordFrom(record);
        return [key, { position, contentHash } satisfies StoredIdentity] as const;
      }),
    ),
  ]);
  return {
    head,
    streamRevisions: new Map(revisions.filter((entry) => entry !== undefined)),
    stored: new Map(stored.filter((entry) => entry !== undefined)),
    now,
  };
}
