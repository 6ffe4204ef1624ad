import { type BackoffSchedule, retrying } from '@customs-pulse/backoff';
import { KPI_CATALOGUE, type KpiId, isKpiId, isSystemEventType } from '@customs-pulse/domain';
import { type EventStore, EventLoopTurns, EventStoreUnavailableError, type RecordedEvent } from '@customs-pulse/event-store';
import { type CommittedKpiBatch, type KpiCommitObserver, type KpiEngine, type ProjectionFailure, ProjectionFailures, type ResumedKpiProjection, currentUpdate } from '@customs-pulse/kpi';

import { type JudgeCheckpointStore, JudgeCheckpointUnavailableError } from '../checkpoint/judge-checkpoint.port.js';
import { type ObservedEvent } from '../evaluation/observed-batch.js';
import { planAlertEvents } from '../evaluation/plan-alert-events.js';
import { type AlertJournal, type AlertJournalTurn } from '../journal/alert-journal.js';
import { type AlertLedgerView } from '../ledger/alert-ledger.js';
import { type AlertRuleSettings } from '../rules/alert-rule-settings.js';
import { redToGreenReroute } from '../rules/red-to-green-reroute.rule.js';
import { significantSeizure } from '../rules/significant-seizure.rule.js';
import { type AlertRulesMetrics } from './alert-rules-metrics.port.js';
import { type JudgedSlice, JudgedSlices } from './judged-slices.js';


/** Options of an {@link AlertRulesObserver}. */
export interface AlertRulesObserverOptions {
  readonly journal: AlertJournal;
  readonly settings: AlertRuleSettings;
  /** Where events a projector swap skipped are read from (the event store). */
  readonly log: Pick<EventStore, 'readAll'>;
  readonly logger: { warn(message: string): void; error(message: string): void };
  /**
   * Waits between attempts while the store is out (`EventStoreUnavailableError`): it never gives up, since a batch
   * left unjudged is an alert lost. @defaultValue 100 ms doubling to 30 s
   */
  readonly retryBackoff?: BackoffSchedule;
  /** Told of each failed attempt and of the first success after failures. @defaultValue nothing counted */
  readonly metrics?: AlertRulesMetrics;
  /** Where the judge keeps its checkpoint between runs. */
  readonly checkpoints: JudgeCheckpointStore;
}

const DEFAULT_RETRY_BACKOFF: BackoffSchedule = { initialMs: 100, maxMs: 30_000, multiplier: 2 };

/**
 * The alert rules of kpis.md, run on each batch the live KPI projection commits (a KPI commit observer the
 * app names in `KpiModule.forRoot`).
 *
 * **What "deterministic" means here.** Threshold rules judge `current` values, which depend on the instant they are
 * read at; the clock at observation time would make every re-observation differ. So a batch is judged at the instant
 * the log reached it, the `recordedAt` of its last event (position P), on the engine as of P: the value an `asOf`
 * query at that instant answers, within milliseconds of what dashboards were pushed. The events a batch plans are
 * then a function of the log up to P, the alert state folded from the log, and the settings: their ids derive from
 * rule, KPI, slice and P (threshold alerts) or from the triggering event's `(source, id)` (event rules), and their
 * content and `time` from the same facts, never from the clock.
 *
 * **How no alert is raised twice.** (1) The alert state is folded from the `Alert*` events of the log, read in full at
 * start, so after a restart the open alerts are known and "one active alert per (KPI, slice)" forbids a second;
 * an event-rule alert is known by its id. (2) Should a batch be judged again against a state that missed its first
 * judgement (an append whose answer was lost, two observers over one batch), it plans the same events with the same
 * ids and content, which the store's `(source, id)` dedupe absorbs as duplicates. (3) A rebuild of the read model
 * is never observed (the projection tells the observer of its live projector only), so it appends nothing.
 *
 * Threshold rules are judged only once the projection has caught up with the log: while it replays history (after a
 * restart behind the head) the slices it changes are gathered and judged at the first caught-up batch, so a value
 * passed through on the way raises nothing. Event rules fire on every observed event, replayed or live: a seizure
 * nobody was told of still deserves its alert, and one already raised is known by its id.
 *
 * **Its checkpoint, a crash and an outage.** One process judges (the projector, or the standalone app; a gateway only
 * delivers, see `AlertDeliveryObserver`). It keeps a checkpoint of its own (in a {@link JudgeCheckpointStore}): the last position judged and
 * the threshold slices put off, saved after every judged batch once that batch's alert events are appended (never
 * before, so it is never ahead of them). The projection commits a batch before telling the rules, so a crash between
 * the two leaves batches committed but unjudged, which the projection never hands over again; a crash between the
 * append and the save leaves a judged batch behind the checkpoint. Either way, as the projection starts it tells the
 * judge ({@link AlertRulesObserver.resumed}), which reads the committed events after its checkpoint from the store and
 * judges them at once, without waiting for a new event: the event rules each event, the threshold rule every KPI's
 * total, the offices they touched and the slices put off, at the values of the read model's position. What it
 * judges again plans nothing new (the ledger knows the alerts, or the store absorbs the same ids and content); missing
 * a batch is what must not happen, so while a store is out it retries with backoff and never gives up, until the app
 * shuts down, which leaves the batch to the next start. Only without a stored checkpoint (the first start of a
 * version that keeps one) does it start from the highest position its alert events carry.
 *
 * **An error that is not an outage** (a bug, an append the store refuses) is not retried on the spot: the same batch
 * would fail the same way, and the projection, which awaits its observers, would stall behind it. The judge logs it,
 * counts it in its metrics and reports it through {@link AlertRulesObserver.failure} (readiness is false, with the
 * error), puts the batch's slices back for judgement (in its checkpoint too), and returns: KPIs go on being projected
 * and pushed. Its checkpoint stays before the failed batch, so the next batch judges the failed one's events again
 * with its own, until one succeeds.
 *
 * The projection awaits its observers, so the engine a batch or a start hands over holds still while it is judged.
 */
export class AlertRulesObserver implements KpiCommitObserver {
  private readonly slices = new JudgedSlices();
  /** The last position judged; null until the stored checkpoint is read at the first judgement. */
  private judgedThrough: number | null = null;
  private readonly stopping = new AbortController();
  private readonly failures: ProjectionFailures;

  constructor(private readonly options: AlertRulesObserverOptions) {
    this.failures = new ProjectionFailures((consecutive) => options.metrics?.judgeFailures(consecutive));
  }

  /** The failure of the last attempt to judge, while no batch has been judged since; null when healthy. */
  get failure(): ProjectionFailure | null {
    return this.failures.current;
  }

  async committed(batch: CommittedKpiBatch): Promise<void> {
    const first = batch.events[0];
    if (first === undefined) return;
    const at = batch.events.at(-1)!.recordedAt;
    await this.judgeSafely(batch.position, async (turn, after) => {
      const due = this.slices.at(batch, thresholdChangesIn(batch.events), (kpiId) => turn.ledger.activeSlicesOf(kpiId));
      const missed = first.position > after + 1 ? await this.readMissed({ after, before: first.position }, batch) : NOTHING_MISSED;
      return { due, missed, batch: { ...batch, at }, own: batch.events };
    });
  }

  /**
   * Judges what was committed after the checkpoint before the projection starts (a crash or a shutdown left it
   * unjudged), and the slices the checkpoint put off, without waiting for a new event.
   */
  async resumed(state: ResumedKpiProjection): Promise<void> {
    const { position, caughtUp, engine } = state;
    await this.judgeSafely(position, async (turn, after) => {
      const due = this.slices.at({ updates: [], caughtUp }, [], () => []);
      if (position < after || (position === after && due.length === 0) || position === 0) {
        this.slices.defer(due);
        return null;
      }
      const missed = position > after ? await this.readMissed({ after, before: position + 1 }, state) : NOTHING_MISSED;
      const at = missed.last?.recordedAt ?? (await this.recordedAt(position));
      return { due, missed, batch: { position, at, caughtUp, engine }, own: [] };
    });
  }

  /** Stops retrying (the app shuts down): the batch in hand is judged again after the next start. */
  onModuleDestroy(): void {
    this.stopping.abort();
  }

  /**
   * One judgement up to `position`, retried while a store is out; then the checkpoint moves to `position`. On another
   * failure the slices due go back to the deferred ones, which the checkpoint keeps.
   */
  private async judgeSafely(position: number, prepare: (turn: AlertJournalTurn, after: number) => Promise<Judgement | null>): Promise<void> {
    try {
      await this.withRetries(() => this.options.journal.exclusive((turn) => this.judge(turn, position, prepare)));
    } catch (error) {
      if (this.stopping.signal.aborted) throw error;
      this.failures.failed(error);
      this.options.logger.error(`alert rules failed on the batch up to ${position}; judged again with the next batch: ${describe(error)}`);
      await this.keepDeferred();
      return;
    }
    this.failures.succeeded();
  }

  private async judge(turn: AlertJournalTurn, position: number, prepare: (turn: AlertJournalTurn, after: number) => Promise<Judgement | null>): Promise<void> {
    const after = await this.checkpointPosition(turn.ledger);
    const judgement = await prepare(turn, after);
    if (judgement === null) return;
    const { due, missed, batch, own } = judgement;
    try {
      const events = [...missed.events, ...own];
      this.options.journal.observe(events);
      const slices = [...due, ...this.missedSlices(missed.offices, batch.caughtUp)];
      const readings = slices.map(({ kpiId, filters }) => currentUpdate(batch.engine, kpiId, filters, { now: batch.at, position: batch.position }));
      const observed = { position: batch.position, at: batch.at, readings, events, officeOfDeclaration: reroutedOffices(batch.engine, events) };
      const planned = planAlertEvents(observed, turn.ledger, this.options.settings);
      if (planned.length > 0) await turn.record(planned);
      const judgedThrough = Math.max(after, position);
      await this.options.checkpoints.save({ position: judgedThrough, deferred: this.slices.deferred() });
      this.judgedThrough = judgedThrough;
    } catch (error) {
      this.slices.defer(due);
      throw error;
    }
  }

  /** The position judged through: this process's, else the stored checkpoint's (whose put-off slices are due again). */
  private async checkpointPosition(ledger: AlertLedgerView): Promise<number> {
    if (this.judgedThrough !== null) return this.judgedThrough;
    const stored = await this.options.checkpoints.load();
    this.slices.defer(stored?.deferred ?? []);
    this.judgedThrough = stored?.position ?? ledger.judgedThrough;
    return this.judgedThrough;
  }

  /** After a failed judgement, the slices put back are saved with the unchanged position: a crash must not lose them. */
  private async keepDeferred(): Promise<void> {
    if (this.judgedThrough === null) return;
    try {
      await this.options.checkpoints.save({ position: this.judgedThrough, deferred: this.slices.deferred() });
    } catch (error) {
      this.options.logger.error(`saving the alert judge's checkpoint failed: ${describe(error)}`);
    }
  }

  /**
   * The slices the missed events may have moved: every KPI's total and the offices they touched. Judged now once the
   * projection has caught up, else put off to its first caught-up batch like any replayed change.
   */
  private missedSlices(offices: ReadonlySet<string> | null, caughtUp: boolean): JudgedSlice[] {
    if (offices === null) return [];
    const slices: JudgedSlice[] = KPI_CATALOGUE.flatMap(({ id }) => [{ kpiId: id, filters: {} }, ...[...offices].map((office) => ({ kpiId: id, filters: { office } }))]);
    if (caughtUp) return slices;
    this.slices.defer(slices);
    return [];
  }

  /** When the log reached `position`: the instant a judgement at it reads current values at. */
  private async recordedAt(position: number): Promise<string> {
    const [event] = await this.options.log.readAll(position - 1, 1);
    if (event?.position !== position) throw new Error(`the event store holds no event at position ${position}, the KPI read model's checkpoint`);
    return event.recordedAt;
  }

  /**
   * What the rules need of the committed events this judge has not seen: those after its checkpoint (a crash or a
   * shutdown left them unjudged), or between two observed batches when the KPI projection swapped a rebuilt projector
   * in ahead of the old one. Only the events a rule could fire on (and alert events) are kept, and the offices the
   * others touched, so a long range costs reading, not memory. Offices are read off the engine as it is now.
   */
  private async readMissed({ after, before }: SkippedRange, { engine, bringBack }: Pick<ResumedKpiProjection, 'engine' | 'bringBack'>): Promise<MissedEvents> {
    const { seizureAlertValue } = this.options.settings;
    const missed: { events: RecordedEvent[]; offices: Set<string>; last: RecordedEvent | null } = { events: [], offices: new Set(), last: null };
    const turns = new EventLoopTurns();
    for (let from = after; from < before - 1; ) {
      const page = await this.options.log.readAll(from, Math.min(1000, before - 1 - from));
      const last = page.at(-1);
      if (last === undefined) break;
      // A bounded engine may have let the page's declarations go: their offices are in their facts.
      await bringBack?.(page);
      for (const event of page) {
        if (event.position >= before) continue;
        missed.last = event;
        for (const office of officesTouched(engine, event)) missed.offices.add(office);
        const ruled = isSystemEventType(event.type) || redToGreenReroute(event, null) !== null || significantSeizure(event, seizureAlertValue) !== null;
        if (ruled) missed.events.push(event);
        if (turns.due) await turns.give();
      }
      from = last.position;
    }
    return missed;
  }

  /**
   * Planning is deterministic, so a retry plans the same events; while a store is out it goes on until it succeeds
   * or the app stops. Any other failure is thrown at once.
   */
  private withRetries(attempt: () => Promise<void>): Promise<void> {
    return retrying(attempt, {
      retryable: (error) => error instanceof EventStoreUnavailableError || error instanceof JudgeCheckpointUnavailableError,
      attempts: Infinity,
      backoff: this.options.retryBackoff ?? DEFAULT_RETRY_BACKOFF,
      signal: this.stopping.signal,
      onRetry: (error, tried, delay) => {
        this.failures.failed(error);
        this.options.logger.warn(`alert rules failed (attempt ${tried}), retrying in ${delay} ms: ${describe(error)}`);
      },
    });
  }
}

/** What one judgement covers: the slices due, the events missed before it, and the batch (or start) it is judged at. */
interface Judgement {
  readonly due: readonly JudgedSlice[];
  readonly missed: MissedEvents;
  readonly batch: { readonly position: number; readonly at: string; readonly caughtUp: boolean; readonly engine: KpiEngine };
  /** The events the projection handed over with the batch (none at a start). */
  readonly own: readonly RecordedEvent[];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface SkippedRange {
  readonly after: number;
  readonly before: number;
}

interface MissedEvents {
  readonly events: readonly RecordedEvent[];
  /** The offices the missed events touched; null when nothing was missed. */
  readonly offices: ReadonlySet<string> | null;
  readonly last: RecordedEvent | null;
}

const NOTHING_MISSED: MissedEvents = { events: [], offices: null, last: null };

/** The offices whose slices `event` may have changed: the one it names, and its declaration's as the facts know. */
function officesTouched(engine: KpiEngine, event: RecordedEvent): string[] {
  const named = event.data['officeId'];
  const facts = engine.declarationFacts(event.subject);
  return [named, facts?.lodged?.officeId, facts?.arrived?.officeId].filter((office): office is string => typeof office === 'string');
}

function thresholdChangesIn(events: readonly RecordedEvent[]): KpiId[] {
  return events.flatMap((event) => (event.type === 'KpiThresholdChanged' && isKpiId(event.subject) ? [event.subject] : []));
}

/** The office of each rerouted declaration, as its facts know it: the lodgement's, else the arrival's. */
function reroutedOffices(engine: KpiEngine, events: readonly ObservedEvent[]): Map<string, string> {
  const offices = new Map<string, string>();
  for (const event of events) {
    if (event.type !== 'LaneRerouted') continue;
    const facts = engine.declarationFacts(event.subject);
    const office = facts?.lodged?.officeId ?? facts?.arrived?.officeId;
    if (office !== undefined) offices.set(event.subject, office);
  }
  return offices;
}
