import { EventLoopTurns } from './event-loop-turns.js';
import type { EventStore } from './event-store.port.js';
import { type RecordedEvent, START } from './recorded-event.js';

/**
 * Hands every stored event of one of `types` to `visit`, in position order, a page at a time: how a journal folds
 * its events of the whole log at its load. It gives the event loop a turn every slice ({@link EventLoopTurns}), and
 * before a page that would end past it, pages being read synchronously on SQLite.
 * @param pageSize - events read at once: one synchronous read on SQLite, 10 to 15 ms for a thousand.
 */
export async function walkLog(
  log: Pick<EventStore, 'readAllOfTypes'>,
  types: readonly string[],
  visit: (event: RecordedEvent) => void,
  pageSize: number,
): Promise<void> {
  const turns = new EventLoopTurns();
  for (let after = START; ; ) {
    const page = await turns.stretch(() => log.readAllOfTypes(types, after, pageSize));
    const last = page.at(-1);
    if (last === undefined) return;
    for (const event of page) {
      visit(event);
      if (turns.due) await turns.give();
    }
    after = last.position;
  }
}
