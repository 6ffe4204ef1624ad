import type { ValidationProblem } from '@customs-pulse/domain';
import type { ConsumedRecord } from './consumed-record.js';

/** A record that ingest rejected, with every reason why. */
export interface DeadLetter {
  readonly record: ConsumedRecord;
  readonly reasons: readonly ValidationProblem[];
  readonly deadLetteredAt: Date;
}

/** Where rejected records go, so that bad input never stops a partition (architecture.md, guarantee 5). */
export interface DeadLetterSink {
  connect(): Promise<void>;
  /** Resolves only once every letter is durably written (acknowledged by all in-sync replicas). */
  send(letters: readonly DeadLetter[]): Promise<void>;
  close(): Promise<void>;
}
