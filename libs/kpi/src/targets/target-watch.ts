import { type Clock } from '@customs-pulse/domain';

import { type KpiEngine } from '../engine/kpi-engine.js';
import { type OverDaysReader, overDaysOf } from '../projection/cold-bucket-reads.js';
import { type EngineReadHold } from '../projection/engine-read-hold.js';
import { type CommittedKpiBatch, type KpiCommitObserver } from '../projection/kpi-commit-observer.port.js';
import { type ColdBuckets } from '../read-model/read-model.port.js';
import { type StrategicTarget, type TargetProgress } from './strategic-target.js';
import { type TargetJournal } from './target-journal.js';
import { TARGET_EVENT_TYPES, type TargetLedgerChange } from './target-ledger.js';
import { type TargetPublisher, type TargetUpdate } from './target-publisher.port.js';
import { type TargetSettings, targetProgress } from './target-reading.js';

/** Options of a {@link TargetWatch}. */
export interface TargetWatchOptions {
  readonly journal: TargetJournal;
  /** The live engine now: the projection's view. */
  readonly live: () => LiveKpis;
  readonly clock: Clock;
  readonly settings: TargetSettings;
  readonly publisher: TargetPublisher;
  readonly logger: { warn(message: string): void };
  /** Longest time between two judgements: `expected` moves with time alone. @defaultValue 60000 (once a minute) */
  readonly intervalMs?: number;
}

/** What the watch reads the live values from: the projection's view. */
export interface LiveKpis {
  readonly engine: Pick<KpiEngine, 'overDays'>;
  /** Where the buckets the engine let go of are read (a baseline a year back); null when it holds them all. */
  readonly cold?: ColdBuckets | null;
  /** Keeps the engine still while a judgement reads the read model. */
  readonly hold?: Pick<EngineReadHold, 'during'>;
}

/** A progress move that is news (targets-and-reports.md: "moves by more than 0.01"). */
const PROGRESS_STEP = 0.01;

/**
 * Judges the targets after each batch the live KPI projection commits and at least once a minute, and hands the ones
 * whose status changed or whose progress moved by more than 0.01 to the publisher; a target set or retired is handed
 * over at once. Also folds the target events of each batch into the journal, so that a change another node stored
 * reaches this one. Pushes are idempotent (a target with its progress), so judging again after a restart is harmless.
 */
export class TargetWatch implements KpiCommitObserver {
  /**
   * Its journal folds these; a mirror tells it of batches holding some only. Judging every batch matters where it
   * publishes, on the projector, which tells its observers of every batch whatever they name.
   */
  readonly eventTypes = TARGET_EVENT_TYPES;
  /** The last progress handed over per target: what a move is measured from. */
  private readonly published = new Map<string, TargetProgress>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly options: TargetWatchOptions) {
    options.journal.listen((change) => this.changed(change));
  }

  /** Starts judging once a minute as well. */
  start(): void {
    this.timer ??= setInterval(() => {
      const live = this.liveKpis();
      if (live === null) return;
      const now = this.options.clock.now().toISOString();
      const judged = live.hold === undefined ? this.judge(overDaysOf(live.engine, live.cold), now) : live.hold.during(() => this.judge(overDaysOf(live.engine, live.cold), now));
      judged.catch((error: unknown) => this.options.logger.warn(`targets not judged: ${describe(error)}`));
    }, this.options.intervalMs ?? 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  async committed({ events, engine, now, caughtUp, cold }: CommittedKpiBatch): Promise<void> {
    // The projection applies nothing until this settles: the judgement reads the engine as committed.
    this.options.journal.observe(events);
    // While history replays, values pass through on the way; the first caught-up batch judges them.
    if (caughtUp) await this.judge(overDaysOf(engine, cold), now);
  }

  /** Judges every target in force at `now` on the values `read` gives, handing over what is news. */
  async judge(read: OverDaysReader, now: string): Promise<void> {
    const news: TargetProgress[] = [];
    for (const target of this.options.journal.ledger.inForce()) {
      const progress = await this.read(read, target, now);
      if (progress !== null && this.isNews(progress)) news.push(progress);
    }
    this.publish(news);
  }

  private changed(change: TargetLedgerChange): void {
    if (change.kind === 'retired') {
      this.published.delete(change.id);
      this.publish([{ id: change.id, retired: true }]);
      return;
    }
    this.published.delete(change.target.id);
    const live = this.liveKpis();
    if (live === null) return;
    const now = this.options.clock.now().toISOString();
    const read = (): Promise<TargetProgress | null> => this.read(overDaysOf(live.engine, live.cold), change.target, now);
    void (live.hold === undefined ? read() : live.hold.during(read)).then((progress) => {
      if (progress !== null) this.publish([progress]);
    });
  }

  /**
   * The live engine, or null while there is none to read: the projection not started yet, or rebuilding a read model
   * that did not load. A timer's throw would end the process, which must stay up and answer 503 meanwhile; the next
   * judgement after the rebuild catches up.
   */
  private liveKpis(): LiveKpis | null {
    try {
      return this.options.live();
    } catch (error) {
      this.options.logger.warn(`targets not judged: no live KPI engine to read (${describe(error)})`);
      return null;
    }
  }

  private async read(read: OverDaysReader, target: StrategicTarget, now: string): Promise<TargetProgress | null> {
    try {
      return await targetProgress(read, target, now, this.options.settings);
    } catch (error) {
      this.options.logger.warn(`target ${target.id} could not be judged: ${describe(error)}`);
      return null;
    }
  }

  private isNews(progress: TargetProgress): boolean {
    const last = this.published.get(progress.id);
    if (last === undefined || last.status !== progress.status) return true;
    if (last.progress === null || progress.progress === null) return last.progress !== progress.progress;
    return Math.abs(progress.progress - last.progress) > PROGRESS_STEP;
  }

  private publish(updates: readonly TargetUpdate[]): void {
    if (updates.length === 0) return;
    for (const update of updates) if (!('retired' in update)) this.published.set(update.id, update);
    this.options.publisher.publishTargetUpdates(updates).catch((error: unknown) =>
      this.options.logger.warn(`target updates could not be published: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
