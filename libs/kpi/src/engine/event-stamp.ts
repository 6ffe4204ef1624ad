/**
 * Where an event stands in the total order kpis.md's "earliest" and "latest" rely on: `time`, ties broken by `id`,
 * and then by `source`, because `(source, id)` and not `id` alone identifies an event, and two producers may reuse an
 * id. Strings compare by UTF-16 code units, the same on every machine.
 */
export interface EventStamp {
  /** Event time, epoch milliseconds. */
  readonly at: number;
  readonly id: string;
  readonly source: string;
}

/** Negative when `a` comes before `b`, positive after, 0 for the same event. */
export function compareStamps(a: EventStamp, b: EventStamp): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return 0;
}

/** Whether `candidate` should replace `held` as the earliest: it is strictly before it, or nothing is held. */
export function isEarlier(candidate: EventStamp, held: EventStamp | null): boolean {
  return held === null || compareStamps(candidate, held) < 0;
}

/** Whether `candidate` should replace `held` as the latest: it is strictly after it, or nothing is held. */
export function isLater(candidate: EventStamp, held: EventStamp | null): boolean {
  return held === null || compareStamps(candidate, held) > 0;
}

/** Whether two stamps name the same event (the idempotency key). */
export function isSameEvent(a: EventStamp, b: EventStamp): boolean {
  return a.id === b.id && a.source === b.source;
}

/**
 * Inserts `item` into `list` (ascending by stamp) unless the same event is already there: a set of events kept in
 * one canonical order, whatever order they came in. Lists are short (the duties of one declaration), so a scan from
 * the end, where events in time order land, beats a binary search.
 * @returns whether the list changed.
 */
export function insertByStamp<T extends EventStamp>(list: T[], item: T): boolean {
  let index = list.length;
  while (index > 0) {
    const order = compareStamps(list[index - 1]!, item);
    if (order === 0) return false;
    if (order < 0) break;
    index -= 1;
  }
  list.splice(index, 0, item);
  return true;
}
