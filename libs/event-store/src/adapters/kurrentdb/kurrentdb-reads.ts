import { BACKWARDS, END, ErrorType, isCommandError, type ReadStreamOptions } from '@kurrent/kurrentdb-client';
import type { KurrentDbConnection } from './kurrentdb-connection.js';
import type { StoredKurrentEvent } from './kurrentdb-records.js';

/** The events of a KurrentDB stream, read in one call; a stream that does not exist reads as empty. */
export async function readKurrentStream(
  connection: KurrentDbConnection,
  streamName: string,
  options: ReadStreamOptions,
): Promise<StoredKurrentEvent[]> {
  const events: StoredKurrentEvent[] = [];
  try {
    for await (const { event } of connection.readStream(streamName, options)) if (event) events.push(event);
  } catch (error) {
    if (error instanceof Error && isCommandError(error) && error.type === ErrorType.STREAM_NOT_FOUND) return [];
    throw error;
  }
  return events;
}

/**
 * The last event of a stream, read from the leader: an append plans on what it reads here, and a follower could
 * answer from behind the leader.
 */
export async function readLastKurrentEvent(connection: KurrentDbConnection, streamName: string): Promise<StoredKurrentEvent | undefined> {
  const [last] = await readKurrentStream(connection, streamName, { direction: BACKWARDS, fromRevision: END, maxCount: 1, requiresLeader: true });
  return last;
}
