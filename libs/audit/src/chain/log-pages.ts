import type { EventStore, Position, RecordedEvent } from '@customs-pulse/event-store';

/** The part of the event store a walk of the log reads. */
export type ReadableLog = Pick<EventStore, 'readAll' | 'head'>;

/**
 * A stored event the store cannot hand back: its JSON no longer parses (SQLite keeps `data` and `extensions` as
 * text, so an edit by hand can leave anything there). `afterPosition` is the last position read before it.
 */
export class UnreadableEventError extends Error {
  constructor(
    readonly afterPosition: Position,
    readonly reason: string,
  ) {
    super(`the stored event after position ${afterPosition} cannot be read: ${reason}`);
    this.name = 'UnreadableEventError';
  }
}

/**
 * The log after `afterPosition` up to `through`, page by page. The next page is requested before the current one is
 * handed over, so that reading (I/O on PostgreSQL) overlaps the consumer's hashing; at most two pages are held.
 * @throws UnreadableEventError at the first event that cannot be read, once the events before it have been yielded.
 */
export async function* logPages(
  log: ReadableLog,
  afterPosition: Position,
  through: Position,
  pageSize: number,
): AsyncGenerator<readonly RecordedEvent[]> {
  const request = (after: Position): Promise<RecordedEvent[]> | null =>
    after < through ? log.readAll(after, Math.min(pageSize, through - after)) : null;
  let cursor = afterPosition;
  let next = request(cursor);
  try {
    while (next !== null) {
      const requested = Math.min(pageSize, through - cursor);
      let page: RecordedEvent[];
      try {
        page = await next;
      } catch (error) {
        next = null;
        if (!(error instanceof SyntaxError)) throw error;
        // One bad row fails its whole page: read the page again one event at a time, handing over those before it.
        for (let read = 0; read < requested; read += 1) {
          const event = await eventAfter(log, cursor);
          if (event === undefined) return;
          cursor = event.position;
          yield [event];
        }
        next = request(cursor);
        continue;
      }
      const last = page.at(-1);
      if (last === undefined) return;
      cursor = last.position;
      next = page.length === requested ? request(cursor) : null;
      yield page;
    }
  } finally {
    // A consumer that stops early (a broken link) leaves the prefetched page unread: its failure concerns nobody.
    next?.catch(() => undefined);
  }
}

/** The one event after `position`, if any. @throws UnreadableEventError when it does not parse. */
async function eventAfter(log: ReadableLog, position: Position): Promise<RecordedEvent | undefined> {
  try {
    return (await log.readAll(position, 1))[0];
  } catch (error) {
    if (error instanceof SyntaxError) throw new UnreadableEventError(position, error.message);
    throw error;
  }
}
