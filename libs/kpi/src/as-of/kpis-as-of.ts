import { type EventStore, EventLoopTurns, type RecordedEvent } from '@customs-pulse/event-store';

import { type KpiEngine } from '../engine/kpi-engine.js';
import { type KpiEngineFactory, kpiEngineFactory } from '../projection/kpi-engine-factory.js';

/** Options of {@link KpisAsOf}. */
export interface KpisAsOfOptions {
  readonly store: Pick<EventStore, 'readAll'>;
  /** @defaultValue `kpiEngineFactory()`: the same engine options as the live projection */
  readonly createEngine?: KpiEngineFactory;
  /**
   * Events read per page. SQLite reads a page synchronously, in one stretch that cannot give the event loop a turn:
   * a thousand take 10 to 15 ms. @defaultValue 1000
   */
  readonly pageSize?: number;
}

/** An engine holding exactly the events recorded at or before `asOf`. */
interface ReplayedEngine {
  readonly asOfMs: number;
  readonly engine: KpiEngine;
  /** Position of the last event applied. */
  position: number;
}

/**
 * Answers queries "as of" a past time (api.md, `asOf`): from the events stored at or before it only, which is what a
 * dashboard showed then. The store stamps `recordedAt` in position order, so those events are a prefix of the log: it
 * is replayed into an engine of its own, never the live one.
 *
 * One replayed engine is kept. An auditor's next question is usually at the same or a later time, which only has to
 * apply the events in between; an earlier time replays from position 0 again. Replays run one at a time, so two
 * requests never advance the kept engine at once.
 */
export class KpisAsOf {
  private kept: ReplayedEngine | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: KpisAsOfOptions) {}

  /**
   * Runs `read` on the engine as of `asOf` (epoch milliseconds) and returns its result. A `read` that returns a
   * promise (one that gives the event loop turns) has the engine to itself until it settles: the next answer waits.
   * @param read - gets the engine and the position of the last event it holds.
   */
  answer<T>(asOfMs: number, read: (engine: KpiEngine, position: number) => T | Promise<T>): Promise<T> {
    const answer = this.queue.then(async () => {
      const replayed = await this.replayedTo(asOfMs);
      return read(replayed.engine, replayed.position);
    });
    this.queue = answer.catch(() => undefined);
    return answer;
  }

  private async replayedTo(asOfMs: number): Promise<ReplayedEngine> {
    const reusable = this.kept !== null && this.kept.asOfMs <= asOfMs;
    const replayed: ReplayedEngine = reusable
      ? { ...this.kept!, asOfMs }
      : { asOfMs, engine: (this.options.createEngine ?? kpiEngineFactory())(null), position: 0 };
    // Kept only once complete: a failed read must not leave a half-advanced engine behind.
    this.kept = null;
    await this.applyRecordedUpTo(replayed, asOfMs);
    this.kept = replayed;
    return replayed;
  }

  private async applyRecordedUpTo(replayed: ReplayedEngine, asOfMs: number): Promise<void> {
    const turns = new EventLoopTurns();
    await this.replayRecordedUpTo(replayed, asOfMs, turns);
    // The buckets take the replay's observations when the engine is first read: in steps here, not in the read.
    await turns.complete(replayed.engine.settleInSteps());
  }

  private async replayRecordedUpTo(replayed: ReplayedEngine, asOfMs: number, turns: EventLoopTurns): Promise<void> {
    const pageSize = this.options.pageSize ?? 1000;
    for (;;) {
      const page: readonly RecordedEvent[] = await this.options.store.readAll(replayed.position, pageSize);
      for (const event of page) {
        if (Date.parse(event.recordedAt) > asOfMs) return;
        replayed.engine.apply(event);
        replayed.position = event.position;
        // A page applies for longer than a slice: the app's requests must not wait for the whole replay.
        if (turns.due) await turns.give();
      }
      if (page.length < pageSize) return;
    }
  }

}
