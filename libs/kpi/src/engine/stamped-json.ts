import { type EventStamp } from './event-stamp.js';
import { utcIso } from './utc-millis.js';

/** A fact as persisted: its stamp's epoch `at` replaced by the event's `time`, RFC 3339 UTC, readable in a read model. */
export type StampedJson<T extends EventStamp> = Omit<T, 'at'> & { readonly time: string };

/** A persisted fact that does not decode. */
export class MalformedFactsJsonError extends Error {
  override readonly name = 'MalformedFactsJsonError';

  constructor(reason: string) {
    super(`malformed KPI facts JSON: ${reason}`);
  }
}

/** The persisted form of a fact. */
export function stampedToJson<T extends EventStamp>(fact: T): StampedJson<T> {
  const { at, ...rest } = fact;
  // `time` set on the copy rest made rather than spread into another one: a drain serializes every fact it writes.
  (rest as Record<string, unknown>)['time'] = utcIso(at);
  return rest as unknown as StampedJson<T>;
}

/** A fact back from {@link stampedToJson}. @throws MalformedFactsJsonError */
export function stampedFromJson<T extends EventStamp>(json: StampedJson<T>): T {
  const { time, ...rest } = json;
  const at = Date.parse(time);
  if (Number.isNaN(at) || typeof rest.id !== 'string' || typeof rest.source !== 'string') {
    throw new MalformedFactsJsonError(`not a stamped fact: ${JSON.stringify(json)}`);
  }
  return { ...rest, at } as unknown as T;
}

/** {@link stampedToJson} for an optional fact. */
export function optionalToJson<T extends EventStamp>(fact: T | null): StampedJson<T> | null {
  return fact === null ? null : stampedToJson(fact);
}

/** {@link stampedFromJson} for an optional fact. */
export function optionalFromJson<T extends EventStamp>(json: StampedJson<T> | null | undefined): T | null {
  return json === null || json === undefined ? null : stampedFromJson(json);
}
