import { type KpiId, type KpiThresholds, SYSTEM_EVENT_TYPES, isSystemEventType } from '@customs-pulse/domain';
import { type AppendOutcome, type EventStore, type EventToAppend, type StreamWrite, walkLog } from '@customs-pulse/event-store';
import { type KpiThresholdsInForce } from '@customs-pulse/kpi';

import { type AlertNotice, type AlertStatus } from '../lifecycle/alert-notice.js';
import { AlertLedger, type AlertLedgerEvent, type AlertLedgerView } from '../ledger/alert-ledger.js';
import { type AlertPublisher, SILENT_ALERT_PUBLISHER } from './alert-publisher.port.js';

/** Options of an {@link AlertJournal}. */
export interface AlertJournalOptions {
  readonly store: Pick<EventStore, 'readAllOfTypes' | 'readStream' | 'appendMany'>;
  /** Told of each alert change once it is stored. @defaultValue nobody */
  readonly publisher?: AlertPublisher;
  readonly logger: { warn(message: string): void; error(message: string): void };
  /** Events read at once while loading the log. @defaultValue 1000 */
  readonly readBatchSize?: number;
}

/** What became of one event given to {@link AlertJournalTurn.record}. */
export type RecordOutcome = AppendOutcome['status'];

/** One exclusive turn at the journal: decide from the ledger, then record what was decided. */
export interface AlertJournalTurn {
  readonly ledger: AlertLedgerView;
  /**
   * Appends the events in one transaction, each to its subject's stream, and folds what the store now holds for each:
   * the event when it was appended or was already there (a duplicate), the stored stream when it conflicted.
   */
  record(events: readonly EventToAppend[]): Promise<RecordOutcome[]>;
}

/**
 * The alert events in the store and the {@link AlertLedger} folded from them. Loaded by reading the whole log once
 * (alerts live in streams per alert id, so there is no single stream to read), then kept current by what this
 * process records and by the alert events projected batches carry. Decisions and the appends that follow them take
 * turns, so a command and the rules never decide against the same state twice.
 */
export class AlertJournal implements KpiThresholdsInForce {
  private readonly ledger = new AlertLedger();
  private readonly publisher: AlertPublisher;
  private loading: Promise<void> | null = null;
  private loaded = false;
  private turns: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: AlertJournalOptions) {
    this.publisher = options.publisher ?? SILENT_ALERT_PUBLISHER;
  }

  /** Reads the log's alert events once; later calls share the first (a failed load is tried again). */
  load(): Promise<void> {
    this.loading ??= this.readLog().catch((error: unknown) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  /** The ledger once loaded, for a synchronous look; `null` before. */
  get view(): AlertLedgerView | null {
    return this.loaded ? this.ledger : null;
  }

  /** Runs `work` alone, after the load and after every turn begun before it. */
  async exclusive<T>(work: (turn: AlertJournalTurn) => Promise<T>): Promise<T> {
    await this.load();
    const turn: AlertJournalTurn = { ledger: this.ledger, record: (events) => this.record(events) };
    const run = this.turns.then(() => work(turn));
    this.turns = run.catch(() => undefined);
    return run;
  }

  /**
   * Folds the alert events of a projected batch: the ones this process recorded are known already, others (written
   * by another node) are news to push. Call it inside a turn.
   */
  observe(events: readonly AlertLedgerEvent[]): void {
    for (const event of events) if (isSystemEventType(event.type)) this.foldAndPublish(event);
  }

  /** Every alert, or those with `status`, newest first. */
  async alerts(status?: AlertStatus): Promise<AlertNotice[]> {
    await this.load();
    return this.ledger.list(status);
  }

  async thresholdsOf(kpiId: KpiId): Promise<KpiThresholds | null> {
    await this.load();
    return this.ledger.thresholdsAt(kpiId);
  }

  private async readLog(): Promise<void> {
    const { store, readBatchSize = 1000 } = this.options;
    // History, not news: nothing is pushed for what was stored before this process started.
    await walkLog(store, SYSTEM_EVENT_TYPES, (event) => this.ledger.fold(event), readBatchSize);
    this.loaded = true;
  }

  private async record(events: readonly EventToAppend[]): Promise<RecordOutcome[]> {
    if (events.length === 0) return [];
    const streams = new Map<string, number[]>();
    events.forEach((event, index) => {
      const indexes = streams.get(event.subject);
      if (indexes) indexes.push(index);
      else streams.set(event.subject, [index]);
    });
    const order = [...streams.values()];
    const writes: StreamWrite[] = order.map((indexes) => ({ stream: events[indexes[0]!]!.subject, events: indexes.map((index) => events[index]!) }));
    const results = await this.options.store.appendMany(writes);
    const outcomes: RecordOutcome[] = [];
    const conflicted = new Set<string>();
    for (const [write, indexes] of order.entries()) {
      for (const [offset, index] of indexes.entries()) {
        const outcome = results[write]!.outcomes[offset]!;
        outcomes[index] = outcome.status;
        const event = events[index]!;
        if (outcome.status === 'conflict') conflicted.add(event.subject);
        else if (outcome.status === 'rejected') {
          // Not stored, so not folded: the ledger stays what the log says.
          this.options.logger.warn(`the event store cannot hold ${event.type} ${event.id}: ${outcome.field} ${outcome.reason}`);
        } else this.foldAndPublish({ ...event, position: outcome.position });
      }
    }
    for (const subject of conflicted) await this.catchUpWith(subject);
    return outcomes;
  }

  /** Another writer got there first with a different event of the same id: take the stored one as the truth. */
  private async catchUpWith(subject: string): Promise<void> {
    this.options.logger.warn(`alert events of ${subject} conflict with stored ones; folding the stored stream`);
    for (const event of await this.options.store.readStream(subject)) {
      if (isSystemEventType(event.type)) this.foldAndPublish(event);
    }
  }

  /** A push that fails must not keep the later events of a batch out of the ledger, nor their pushes. */
  private foldAndPublish(event: AlertLedgerEvent): void {
    const change = this.ledger.fold(event);
    if (change === null) return;
    try {
      this.publisher.publishAlert(change.change, change.alert);
    } catch (error) {
      this.options.logger.error(`pushing the ${change.change} alert ${change.alert.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
