import type pg from 'pg';
import { dedupeKey, lookupsFor, planAppend, type AppendPlan, type StoredIdentity } from '../../append-plan.js';
import type { StreamWrite } from '../../event-store.port.js';
import { HEAD_SELECT, toLogHead, type HeadRow } from './postgres-rows.js';

/**
 * The visibility guard. Every append transaction takes this lock before it reads the head and holds it until
 * COMMIT, and PostgreSQL makes a commit visible before it releases the transaction's locks. So positions are
 * handed out in commit order: no event can become visible behind a subscriber's cursor that already passed its
 * position (architecture.md, guarantee 2), and each link of the hash chain is computed from its true predecessor.
 */
const TAKE_APPEND_LOCK = `SELECT pg_advisory_xact_lock(hashtext('customs-pulse/event_log/' || current_schema()))`;

const READ_STORED = `SELECT source, id, position, content_hash FROM event_log
  WHERE (source, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`;

const READ_STREAM_REVISIONS = `SELECT stream, max(revision) AS revision FROM event_log
  WHERE stream = ANY($1::text[]) GROUP BY stream`;

const INSERT_ROWS = `INSERT INTO event_log
  (position, stream, revision, source, id, type, subject, time, data, extensions, recorded_at, hash, content_hash)
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[],
    $8::timestamptz[], $9::json[], $10::json[], $11::timestamptz[], $12::text[], $13::text[])`;

/** Appends a batch of stream writes in one transaction on `client`, under the append lock. */
export async function appendToLog(
  client: pg.ClientBase,
  writes: readonly StreamWrite[],
  now: () => Date,
  notifyChannel: string,
): Promise<AppendPlan> {
  await client.query('BEGIN');
  try {
    await client.query(TAKE_APPEND_LOCK);
    const plan = planAppend(writes, await readAppendState(client, writes, now()));
    if (plan.rows.length > 0) {
      await client.query(INSERT_ROWS, insertColumns(plan));
      // Delivered to listeners only when the transaction commits.
      await client.query('SELECT pg_notify($1, $2)', [notifyChannel, String(plan.head.position)]);
    }
    await client.query('COMMIT');
    return plan;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function readAppendState(client: pg.ClientBase, writes: readonly StreamWrite[], now: Date) {
  const { keys, streams } = lookupsFor(writes);
  const headRows = await client.query<HeadRow>(HEAD_SELECT);
  const storedRows = await client.query<{ source: string; id: string; position: number; content_hash: string }>(
    READ_STORED,
    [keys.map((key) => key.source), keys.map((key) => key.id)],
  );
  const revisionRows = await client.query<{ stream: string; revision: number }>(READ_STREAM_REVISIONS, [streams]);

  const head = toLogHead(headRows.rows[0]);
  const stored = new Map<string, StoredIdentity>(
    storedRows.rows.map((row) => [dedupeKey(row.source, row.id), { position: row.position, contentHash: row.content_hash }]),
  );
  const streamRevisions = new Map(revisionRows.rows.map((row) => [row.stream, row.revision]));
  return { head, stored, streamRevisions, now };
}

function insertColumns(plan: AppendPlan): unknown[][] {
  const columns: unknown[][] = Array.from({ length: 13 }, () => []);
  for (const { event, contentHash } of plan.rows) {
    const values = [
      event.position, event.stream, event.revision, event.source, event.id, event.type, event.subject, event.time,
      JSON.stringify(event.data), JSON.stringify(event.extensions), event.recordedAt, event.hash, contentHash,
    ];
    values.forEach((value, index) => columns[index]!.push(value));
  }
  return columns;
}
