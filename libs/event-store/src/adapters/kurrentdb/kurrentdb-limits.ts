import { wellFormed, type StoreLimits } from '../../store-limits.js';

/**
 * What the KurrentDB event store cannot hold byte for byte. Stream names and event types cross gRPC as protobuf
 * strings, which must be valid UTF-8, so an unpaired surrogate there would fail the whole multi-stream append. The
 * rest of an event goes in the records' JSON, which escapes it.
 */
export const KURRENTDB_LIMITS: StoreLimits = {
  text: [{ in: ['stream', 'type'], rule: wellFormed('which a gRPC string, UTF-8 only, cannot carry') }],
};
