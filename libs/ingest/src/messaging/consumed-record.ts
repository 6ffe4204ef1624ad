/** Header values as a broker hands them over: bytes, or several values for one name. */
export type RecordHeaderValue = Uint8Array | string | readonly (Uint8Array | string)[];

/** Record headers by name. */
export type RecordHeaders = Readonly<Record<string, RecordHeaderValue | undefined>>;

/** One record read from a partitioned log, as the messaging port hands it to ingest: no driver types. */
export interface ConsumedRecord {
  readonly topic: string;
  readonly partition: number;
  /** The record's offset in its partition, as a decimal string (offsets are 64-bit). */
  readonly offset: string;
  /** By the events.md contract, the event's `subject`; null when the producer sent none. */
  readonly key: Uint8Array | null;
  /** The CloudEvent's JSON bytes; null for a tombstone. */
  readonly value: Uint8Array | null;
  readonly headers: RecordHeaders;
}
