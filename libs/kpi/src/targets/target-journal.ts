import { type AppendOutcome, type EventStore, type EventToAppend, walkLog } from '@customs-pulse/event-store';

import { TARGET_EVENT_TYPES, TargetLedger, type TargetLedgerChange, type TargetLedgerEvent } from './target-ledger.js';

/** Options of a {@link TargetJournal}. */
export interface TargetJournalOptions {
  readonly store: Pick<EventStore, 'readAllOfTypes' | 'readStream' | 'appendMany'>;
  /** Events read at once while loading the log. @defaultValue 1000 */
  readonly readBatchSize?: number;
}

/** Told of each target set or retired after the journal folded it: new here, or stored by another node. */
export type TargetChangeListener = (change: TargetLedgerChange) => void;

/**
 * The `TargetSet` and `TargetRetired` events of the store and the {@link TargetLedger} folded from them. Loaded by
 * reading the log once (targets live in streams per target id, so there is no single stream to read), then kept
 * current by what this process records and by the target events that projected batches carry. Commands take turns,
 * so two never decide against the same plan.
 */
export class TargetJournal {
  readonly ledger = new TargetLedger();
  private loading: Promise<void> | null = null;
  private read = false;
  private turns: Promise<unknown> = Promise.resolve();
  private readonly listeners: TargetChangeListener[] = [];

  constructor(private readonly options: TargetJournalOptions) {}

  /** Reads the log's target events once; later calls share the first (a failed load is tried again). */
  load(): Promise<void> {
    this.loading ??= this.readLog().catch((error: unknown) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  /** Whether the log's target events have been read: until then the plan lacks the targets set before this start. */
  get loaded(): boolean {
    return this.read;
  }

  /** Calls `listener` on each change folded from now on. */
  listen(listener: TargetChangeListener): void {
    this.listeners.push(listener);
  }

  /** Runs `work` alone, after the load and after every turn begun before it. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    await this.load();
    const run = this.turns.then(work);
    this.turns = run.catch(() => undefined);
    return run;
  }

  /** Folds the target events of a projected batch; those this process recorded are known already. */
  observe(events: readonly TargetLedgerEvent[]): void {
    for (const event of events) this.foldAndTell(event);
  }

  /**
   * Appends `event` to its target's stream and folds what the store now holds for that target, so that the ledger
   * knows the event's position and recording time (`asOf` reads it). Call it inside a turn.
   */
  async record(event: EventToAppend): Promise<AppendOutcome> {
    const [result] = await this.options.store.appendMany([{ stream: event.subject, events: [event] }]);
    for (const stored of await this.options.store.readStream(event.subject)) this.foldAndTell(stored);
    return result!.outcomes[0]!;
  }

  private async readLog(): Promise<void> {
    const { store, readBatchSize = 1000 } = this.options;
    // History, not news: nobody is told of what was stored before this process started.
    await walkLog(store, TARGET_EVENT_TYPES, (event) => this.ledger.fold(event), readBatchSize);
    this.read = true;
  }

  private foldAndTell(event: TargetLedgerEvent): void {
    const change = this.ledger.fold(event);
    if (change !== null) for (const listener of this.listeners) listener(change);
  }
}
