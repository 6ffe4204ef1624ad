import { GENESIS_HASH } from '../../hash-chain.js';
import type { LogHead } from '../../recorded-event.js';
import type { KurrentDbConnection } from './kurrentdb-connection.js';
import { recordedEventFrom } from './kurrentdb-records.js';
import { readLastKurrentEvent } from './kurrentdb-reads.js';
import type { KurrentDbStreamNames } from './kurrentdb-stream-names.js';

/** The last event of the log, or position 0 and the genesis hash while the log stream does not exist. */
export async function readLogHead(connection: KurrentDbConnection, names: KurrentDbStreamNames): Promise<LogHead> {
  const last = await readLastKurrentEvent(connection, names.log);
  if (last === undefined) return { position: 0, hash: GENESIS_HASH, recordedAt: null };
  const { position, hash, recordedAt } = recordedEventFrom(last, 'log');
  return { position, hash, recordedAt };
}
