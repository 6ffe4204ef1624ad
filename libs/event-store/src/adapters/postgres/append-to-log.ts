import type pg from 'pg';
import { dedupeKey, lookupsFor, planAppend, prepareWrites, type AppendPlan, type StoredIdentity } from '../../append-plan.js';
import type { StreamWrite } from '../../event-store.port.js';
import { POSTGRES_LIMITS } from './postgres-limits.js';
import { toLogHead, type HeadRow } from './postgres-rows.js';

/**
 * The visibility guard. Every append transaction takes this lock before it reads the head and holds it until
 * COMMIT, and PostgreSQL makes a commit visible before it releases the transaction's locks. So positions are
 * handed out in commit order: no event can become visible behind a subscriber's cursor that already passed its
 * position (architecture.md, guarantee 2), and each link of the hash chain is computed from its true predecessor.
 *
 * `BEGIN` and the lock go in one simple-protocol query (one round trip, no parameters). The head must NOT be read in
 * that same statement: in READ COMMITTED each statement takes its snapshot when it starts, so a statement that waits
 * for the lock and then reads would read with a snapshot from before the wait, miss the commit of the append it
 * waited for, and hand out its positions again. The lock statement completes first; {@link READ_APPEND_STATE} then
 * starts with a snapshot taken after the lock was granted.
 */
const BEGIN_AND_TAKE_APPEND_LOCK = `BEGIN; SELECT pg_advisory_xact_lock(hashtext('customs-pulse/event_log/' || current_schema()))`;

/**
 * Head, stored `(source, id)` keys of the batch and last revision of each of its streams: one statement, one
 * snapshot. Each lookup is an index probe per key or stream (the last revision a backward scan of
 * `(stream, revision)`). Rows come back as JSON arrays: `[position, hash, recorded_at]`, `[source, id, position,
 * content_hash]`, `[stream, revision]`.
 */
const READ_APPEND_STATE = `SELECT
  (SELECT json_build_array(position, hash, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    FROM event_log ORDER BY position DESC LIMIT 1) AS head,
  (SELECT json_agg(json_build_array(log.source, log.id, log.position, log.content_hash))
    FROM unnest($1::text[], $2::text[]) AS batch(source, id)
    JOIN event_log AS log ON log.source = batch.source AND log.id = batch.id) AS stored,
  (SELECT json_agg(json_build_array(batch.stream, last.revision))
    FROM unnest($3::text[]) AS batch(stream)
    CROSS JOIN LATERAL (SELECT revision FROM event_log WHERE stream = batch.stream ORDER BY revision DESC LIMIT 1) AS last
  ) AS revisions`;

/**
 * The rows, and the notification that listeners get only when the transaction commits: one statement. The rows go
 * as one JSON document: node-postgres would otherwise write 13 array literals, escaping every event's JSON by hand,
 * where `JSON.stringify` and the server's parser are native.
 */
const INSERT_ROWS_AND_NOTIFY = `WITH inserted AS (
    INSERT INTO event_log
      (position, stream, revision, source, id, type, subject, time, data, extensions, recorded_at, hash, content_hash)
    SELECT position, stream, revision, source, id, type, subject, time, data, extensions, recorded_at, hash, content_hash
    FROM json_to_recordset($1::json) AS row(position bigint, stream text, revision bigint, source text, id text,
      type text, subject text, time timestamptz, data json, extensions json, recorded_at timestamptz, hash text,
      content_hash text)
  )
  SELECT pg_notify($2, $3)`;

type AppendStateRow = {
  head: [number, string, string] | null;
  stored: [string, string, number, string][] | null;
  revisions: [string, number][] | null;
};

/**
 * Appends a batch of stream writes in one transaction on `client`, under the append lock: four round trips (begin
 * and lock, read, insert and notify, commit). Canonical JSON and content hashes are computed before the lock.
 */
export async function appendToLog(
  client: pg.ClientBase,
  writes: readonly StreamWrite[],
  now: () => Date,
  notifyChannel: string,
): Promise<AppendPlan> {
  // Events PostgreSQL cannot hold are refused here, before the transaction: sent, one would fail the whole batch.
  const prepared = prepareWrites(writes, POSTGRES_LIMITS);
  const { keys, streams } = lookupsFor(writes, prepared);
  const lookups = [keys.map((key) => key.source), keys.map((key) => key.id), streams];
  try {
    // Inside the try: if the lock statement fails after BEGIN, the rollback below must still end the transaction,
    // or the connection would go back to the pool inside an aborted one.
    await client.query(BEGIN_AND_TAKE_APPEND_LOCK);
    // Unnamed statements on purpose: a named (prepared) one may settle on a generic plan made while the log was
    // small, and keep scanning the whole log once it is large (measured: appends fell below 100 events/s).
    const { rows } = await client.query<AppendStateRow>(READ_APPEND_STATE, lookups);
    const plan = planAppend(writes, appendState(rows[0]!, now()), prepared);
    if (plan.rows.length > 0) {
      await client.query(INSERT_ROWS_AND_NOTIFY, [rowsDocument(plan), notifyChannel, String(plan.head.position)]);
    }
    await client.query('COMMIT');
    return plan;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function appendState(row: AppendStateRow, now: Date) {
  const head: HeadRow | undefined = row.head ? { position: row.head[0], hash: row.head[1], recorded_at: row.head[2] } : undefined;
  const stored = new Map<string, StoredIdentity>();
  for (const [source, id, position, contentHash] of row.stored ?? []) stored.set(dedupeKey(source, id), { position, contentHash });
  return { head: toLogHead(head), stored, streamRevisions: new Map(row.revisions ?? []), now };
}

function rowsDocument(plan: AppendPlan): string {
  return JSON.stringify(
    plan.rows.map(({ event, contentHash }) => ({
      position: event.position,
      stream: event.stream,
      revision: event.revision,
      source: event.source,
      id: event.id,
      type: event.type,
      subject: event.subject,
      time: event.time,
      data: event.data,
      extensions: event.extensions,
      recorded_at: event.recordedAt,
      hash: event.hash,
      content_hash: contentHash,
    })),
  );
}
