import { sha256 } from '../../sha256.js';

/** @defaultValue of `KurrentDbEventStoreOptions.prefix`. */
export const DEFAULT_STORE_PREFIX = 'customs-pulse';

// Letters, digits, `_` and `-` only: a `.` would let one store's subject stream take another store's log name
// (`a.stream` + `.log` against `a` + `.stream.log`), and `$` starts KurrentDB's reserved system streams.
const STORE_PREFIX = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * Where one store keeps its records on a KurrentDB server that it may share with other stores (other deployments,
 * test runs): every name starts with the store's prefix, so a fresh prefix is an empty store.
 */
export interface KurrentDbStreamNames {
  /** The global log: one KurrentDB stream whose revision + 1 is our position. */
  readonly log: string;
  /** The copy of one of our streams, revision for revision. */
  subject(stream: string): string;
  /** The record of one idempotency key (a {@link dedupeKey}), hashed so that any source and id make a valid name. */
  dedupe(key: string): string;
}

/** The stream names of the store with `prefix`; throws on a prefix that could collide with another store's names. */
export function streamNamesFor(prefix: string = DEFAULT_STORE_PREFIX): KurrentDbStreamNames {
  if (!STORE_PREFIX.test(prefix)) {
    throw new TypeError(`KurrentDB store prefix ${JSON.stringify(prefix)} must be 1 to 100 letters, digits, "_" or "-"`);
  }
  return {
    log: `${prefix}.log`,
    subject: (stream) => `${prefix}.stream.${stream}`,
    dedupe: (key) => `${prefix}.dedupe.${sha256(key)}`,
  };
}
