import { type BackoffSchedule, retrying } from '@customs-pulse/backoff';
import { KPI_CATALOGUE, type KpiId, isKpiId, isSystemEventType } from '@customs-pulse/domain';
import { type EventStore, EventLoopTurns, EventStoreUnavailableError, type RecordedEvent } from '@customs-pulse/event-store';
import { type CommittedKpiBatch, type KpiCommitObserver, type KpiEngine, type ProjectionFailure, ProjectionFailures, currentUpdate } from '@customs-pulse/kpi';

import { type ObservedBatch, type ObservedEvent, type SliceReading } from '../evaluation/observed-batch.js';
import { planAlertEvents } from '../evaluation/plan-alert-events.js';
import { type AlertJournal } from '../journal/alert-journal.js';
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
 * delivers, see `AlertDeliveryObserver`). What it has judged is recorded in the alert events it appends:
 * `AlertLedgerView.judgedThrough`, the highest position they carry, read back with the alert state. The projection
 * commits a batch before telling the rules, so a crash or a shutdown in between leaves batches committed but unjudged,
 * which the projection never hands over again: the first batch after a start therefore begins with the committed
 * events after that checkpoint, read from the store. The event rules judge each of them, and the threshold rule every
 * KPI's total and the offices they touched, at the values of the batch (read off the engine after those reads, which
 * is the batch's engine as long as the projection awaits its observers). Judging again what was judged is harmless,
 * missing a batch is not, so while the store is out it retries with backoff and never gives up, until the app shuts
 * down, which leaves the batch to the next start.
 *
 * **An error that is not an outage** (a bug, an append the store refuses) is not retried on the spot: the same batch
 * would fail the same way, and the projection, which awaits its observers, would stall behind it. The judge logs it,
 * counts it in its metrics and reports it through {@link AlertRulesObserver.failure} (readiness is false, with the
 * error), puts the batch's slices back for judgement, and returns: KPIs go on being projected and pushed. Its
 * checkpoint stays before the failed batch, so the next batch judges the failed one's events again with its own,
 * until one succeeds.
 */
export class AlertRulesObserver implements KpiCommitObserver {
  private readonly slices = new JudgedSlices();
  /** The last position judged in this process; before the first batch, the log's checkpoint is read instead. */
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
    // Everything read off the engine is read now, before any await: the engine moves on with the next batch.
    const observed = this.observe(batch);
    try {
      await this.withRetries(() => this.judge(observed, batch, first.position));
    } catch (error) {
      if (this.stopping.signal.aborted) throw error;
      this.failures.failed(error);
      this.slices.defer(observed.readings);
      this.options.logger.error(`alert rules failed on the batch up to ${batch.position}; judged again with the next batch: ${describe(error)}`);
      return;
    }
    this.failures.succeeded();
    this.judgedThrough = Math.max(this.judgedThrough ?? 0, batch.position);
  }

  /** Stops retrying (the app shuts down): the batch in hand is judged again after the next start. */
  onModuleDestroy(): void {
    this.stopping.abort();
  }

  private observe(batch: CommittedKpiBatch): ObservedBatch {
    const { engine, events, position } = batch;
    const at = events.at(-1)!.recordedAt;
    const view = this.options.journal.view;
    const judged = this.slices.at(batch, thresholdChangesIn(events), (kpiId) => view?.activeSlicesOf(kpiId) ?? []);
    return { position, at, readings: readingsOf(engine, judged, at, position), events, officeOfDeclaration: reroutedOffices(engine, events) };
  }

  private async judge(observed: ObservedBatch, batch: CommittedKpiBatch, firstPosition: number): Promise<void> {
    const { journal, settings } = this.options;
    await journal.exclusive(async (turn) => {
      const after = this.judgedThrough ?? turn.ledger.judgedThrough;
      const missed = firstPosition > after + 1 ? await this.readMissed({ after, before: firstPosition }, batch.engine) : null;
      const events = [...(missed?.events ?? []), ...batch.events];
      journal.observe(events);
      const offices = missed === null ? observed.officeOfDeclaration : new Map([...reroutedOffices(batch.engine, missed.events), ...observed.officeOfDeclaration]);
      const readings = missed === null ? observed.readings : [...observed.readings, ...this.missedReadings(missed.offices, batch)];
      const planned = planAlertEvents({ ...observed, readings, events, officeOfDeclaration: offices }, turn.ledger, settings);
      if (planned.length > 0) await turn.record(planned);
    });
  }

  /**
   * The slices the missed events may have moved: every KPI's total and the offices they touched. Judged at this batch
   * once the projection has caught up, else gathered for its first caught-up batch like any replayed change.
   */
  private missedReadings(offices: ReadonlySet<string>, batch: CommittedKpiBatch): SliceReading[] {
    const slices: JudgedSlice[] = KPI_CATALOGUE.flatMap(({ id }) => [{ kpiId: id, filters: {} }, ...[...offices].map((office) => ({ kpiId: id, filters: { office } }))]);
    if (!batch.caughtUp) {
      this.slices.defer(slices);
      return [];
    }
    return readingsOf(batch.engine, slices, batch.events.at(-1)!.recordedAt, batch.position);
  }

  /**
   * What the rules need of the committed events this process's judge has not seen: those after the log's checkpoint
   * at the first batch after a start (a crash or a shutdown left them unjudged), or between two observed batches when
   * the KPI projection swapped a rebuilt projector in ahead of the old one. Only the events a rule could fire on (and
   * alert events) are kept, and the offices the others touched, so a long range costs reading, not memory. Offices
   * are read off the engine as it is now.
   */
  private async readMissed({ after, before }: SkippedRange, engine: KpiEngine): Promise<MissedEvents> {
    const { seizureAlertValue } = this.options.settings;
    const missed: MissedEvents = { events: [], offices: new Set() };
    const turns = new EventLoopTurns();
    for (let from = after; from < before - 1; ) {
      const page = await this.options.log.readAll(from, Math.min(1000, before - 1 - from));
      const last = page.at(-1);
      if (last === undefined) break;
      for (const event of page) {
        if (event.position >= before) continue;
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
   * Planning is deterministic, so a retry plans the same events; while the store is out it goes on until it succeeds
   * or the app stops. Any other failure is thrown at once.
   */
  private withRetries(attempt: () => Promise<void>): Promise<void> {
    return retrying(attempt, {
      retryable: (error) => error instanceof EventStoreUnavailableError,
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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface SkippedRange {
  readonly after: number;
  readonly before: number;
}

function readingsOf(engine: KpiEngine, slices: readonly JudgedSlice[], at: string, position: number): SliceReading[] {
  return slices.map(({ kpiId, filters }) => currentUpdate(engine, kpiId, filters, { now: at, position }));
}

interface MissedEvents {
  readonly events: RecordedEvent[];
  readonly offices: Set<string>;
}

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
