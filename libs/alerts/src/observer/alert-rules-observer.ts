import { setTimeout as sleep } from 'node:timers/promises';

import { type KpiId, isKpiId } from '@customs-pulse/domain';
import { type EventStore, type RecordedEvent } from '@customs-pulse/event-store';
import { type CommittedKpiBatch, type KpiCommitObserver, type KpiEngine, currentUpdate } from '@customs-pulse/kpi';

import { type ObservedBatch, type ObservedEvent } from '../evaluation/observed-batch.js';
import { planAlertEvents } from '../evaluation/plan-alert-events.js';
import { type AlertJournal } from '../journal/alert-journal.js';
import { type AlertRuleSettings } from '../rules/alert-rule-settings.js';
import { JudgedSlices } from './judged-slices.js';

/** Options of an {@link AlertRulesObserver}. */
export interface AlertRulesObserverOptions {
  readonly journal: AlertJournal;
  readonly settings: AlertRuleSettings;
  /** Where events a projector swap skipped are read from (the event store). */
  readonly log: Pick<EventStore, 'readAll'>;
  readonly logger: { warn(message: string): void };
  /** Waits before each new attempt when recording fails. @defaultValue `[100, 500, 2000]` */
  readonly retryDelaysMs?: readonly number[];
}

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
 */
export class AlertRulesObserver implements KpiCommitObserver {
  private readonly slices = new JudgedSlices();
  private observedThrough: number | null = null;

  constructor(private readonly options: AlertRulesObserverOptions) {}

  async committed(batch: CommittedKpiBatch): Promise<void> {
    const first = batch.events[0];
    if (first === undefined) return;
    // Everything read off the engine is read now, before any await: the engine moves on with the next batch.
    const observed = this.observe(batch);
    const skippedAfter = this.observedThrough !== null && first.position > this.observedThrough + 1 ? this.observedThrough : null;
    this.observedThrough = Math.max(this.observedThrough ?? 0, batch.position);
    const skipped = skippedAfter === null ? null : { after: skippedAfter, before: first.position, engine: batch.engine };
    await this.withRetries(() => this.judge(observed, batch.events, skipped));
  }

  private observe(batch: CommittedKpiBatch): ObservedBatch {
    const { engine, events, position } = batch;
    const at = events.at(-1)!.recordedAt;
    const view = this.options.journal.view;
    const judged = this.slices.at(batch, thresholdChangesIn(events), (kpiId) => view?.activeSlicesOf(kpiId) ?? []);
    const readings = judged.map(({ kpiId, filters }) => currentUpdate(engine, kpiId, filters, { now: at, position }));
    return { position, at, readings, events, officeOfDeclaration: reroutedOffices(engine, events) };
  }

  private async judge(observed: ObservedBatch, recorded: readonly RecordedEvent[], skipped: SkippedRange | null): Promise<void> {
    const { journal, settings } = this.options;
    await journal.exclusive(async (turn) => {
      const missed = skipped === null ? [] : await this.readSkipped(skipped);
      const events = [...missed, ...recorded];
      journal.observe(events);
      const offices = skipped === null ? observed.officeOfDeclaration : new Map([...reroutedOffices(skipped.engine, missed), ...observed.officeOfDeclaration]);
      const planned = planAlertEvents({ ...observed, events, officeOfDeclaration: offices }, turn.ledger, settings);
      if (planned.length > 0) await turn.record(planned);
    });
  }

  /**
   * The events between the last batch observed and this one. The KPI projection swaps a rebuilt projector in at
   * whatever position it reached: when that is ahead of the old one, the events in between were committed by a
   * projector nobody observes. Only the event rules need them (threshold rules judge the next values anyway). Their
   * reroutes' offices are read off the engine as it is now.
   */
  private async readSkipped({ after, before }: SkippedRange): Promise<RecordedEvent[]> {
    const missed: RecordedEvent[] = [];
    for (let from = after; from < before - 1; ) {
      const page = await this.options.log.readAll(from, Math.min(1000, before - 1 - from));
      const last = page.at(-1);
      if (last === undefined) break;
      missed.push(...page.filter((event) => event.position < before));
      from = last.position;
    }
    return missed;
  }

  /** A failed append is tried again a few times: planning is deterministic, so a retry plans the same events. */
  private async withRetries(attempt: () => Promise<void>): Promise<void> {
    const delays = this.options.retryDelaysMs ?? [100, 500, 2000];
    for (let tried = 0; ; tried += 1) {
      try {
        return await attempt();
      } catch (error) {
        const delay = delays[tried];
        if (delay === undefined) throw error;
        this.options.logger.warn(`alert rules failed (attempt ${tried + 1}), retrying in ${delay} ms: ${error instanceof Error ? error.message : String(error)}`);
        await sleep(delay);
      }
    }
  }
}

interface SkippedRange {
  readonly after: number;
  readonly before: number;
  readonly engine: KpiEngine;
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
