import { type EventStore, EventLoopTurns, type RecordedEvent } from '@customs-pulse/event-store';

import { type KpiEngine } from '../engine/kpi-engine.js';
import { type HeldSubjectsPolicy, DEFAULT_HELD_SUBJECTS, recentSince } from '../engine/held-subjects.js';
import { type KpiEngineFactory, kpiEngineFactory } from '../projection/kpi-engine-factory.js';
import { bringBackColdBuckets, bringBackColdSubjects } from '../projection/cold-read-back.js';
import { type ClosedEpoch, type ColdState, type KpiReadModelHistory } from '../read-model/read-model.port.js';

/** Options of {@link KpisAsOf}. */
export interface KpisAsOfOptions {
  readonly store: Pick<EventStore, 'readAll'>;
  /**
   * The read model history (read-model.port.ts), asked anew for each question: a rebuild swaps the read model. Null,
   * or absent, replays from position 0 into an engine holding everything.
   */
  readonly history?: () => KpiReadModelHistory | null | Promise<KpiReadModelHistory | null>;
  /** @defaultValue `kpiEngineFactory()`: the same engine options as the live projection */
  readonly createEngine?: KpiEngineFactory;
  /** Which subjects an epoch's state loads at once; the others are read back as the replay needs them. @defaultValue DEFAULT_HELD_SUBJECTS */
  readonly heldSubjects?: HeldSubjectsPolicy;
  /**
   * Events read per page. SQLite reads a page synchronously, in one stretch that cannot give the event loop a turn:
   * a thousand take 10 to 15 ms, which added to a slice's 20 held it for 35. @defaultValue 500
   */
  readonly pageSize?: number;
}

/** What an answer reads: the engine as of the time asked, and where the state it does not hold is read. */
export interface EngineAsOf {
  readonly engine: KpiEngine;
  /** Position of the last event the engine holds the effect of. */
  readonly position: number;
  /** The read model's state at the end of the epoch the engine started from; null when it replayed from position 0. */
  readonly cold: ColdState | null;
}

/** What an answer reads besides the KPIs' own measures. */
export interface AsOfNeeds {
  /**
   * The report-only measures (measures.ts: the TRS report's daily aggregates). An engine built without them replays a
   * released declaration with about half the observations, and loads none of their rows. @defaultValue false
   */
  readonly reportMeasures?: boolean;
}

/** An engine holding exactly the events recorded at or before `asOfMs`. */
interface ReplayedEngine {
  readonly asOfMs: number;
  /** The read model whose history it started from, and the epoch; null when it replayed from position 0. */
  readonly history: KpiReadModelHistory | null;
  readonly epoch: number | null;
  readonly engine: KpiEngine;
  readonly cold: ColdState | null;
  /** Position of the last event applied. */
  position: number;
}

/**
 * Answers queries "as of" a past time (api.md, `asOf`): from the events stored at or before it only, which is what a
 * dashboard showed then. The store stamps `recordedAt` in position order, so those events are a prefix of the log.
 *
 * The read model's history (README, "asOf") keeps its state at the end of each epoch, a few tens of thousands of
 * events apart. An answer starts from the last epoch closed by the time asked, its hot state loaded and the rest read
 * back as the replay or the question needs it, and replays only the events recorded after it: its cost is one epoch's
 * state and at most one epoch's events, whatever the length of the history. Before the first epoch (a read model
 * written before epochs existed, or a store without history) it replays from position 0.
 *
 * One engine is kept: an auditor's next question is usually at the same or a later time in the same epoch, which only
 * has to apply the events in between. Answers run one at a time, so two never advance the kept engine at once.
 */
export class KpisAsOf {
  private kept: ReplayedEngine | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: KpisAsOfOptions) {}

  /**
   * Runs `read` on the engine as of `asOf` (epoch milliseconds) and returns its result. A `read` that returns a
   * promise (one that gives the event loop turns) has the engine to itself until it settles: the next answer waits.
   */
  answer<T>(asOfMs: number, read: (asOf: EngineAsOf) => T | Promise<T>, needs: AsOfNeeds = {}): Promise<T> {
    const answer = this.queue.then(async () => read(await this.replayedTo(asOfMs, needs.reportMeasures === true)));
    this.queue = answer.catch(() => undefined);
    return answer;
  }

  private async replayedTo(asOfMs: number, reportMeasures: boolean): Promise<ReplayedEngine> {
    const history = (await this.options.history?.()) ?? null;
    const epoch = history === null ? null : await history.epochAsOf(asOfMs);
    const kept = this.kept;
    const reusable =
      kept !== null &&
      kept.asOfMs <= asOfMs &&
      kept.history === (epoch === null ? null : history) &&
      kept.epoch === (epoch?.epoch ?? null) &&
      (kept.engine.keepsReportMeasures || !reportMeasures);
    // Kept only once complete: a failed read must not leave a half-advanced engine behind.
    this.kept = null;
    // One slice clock for the whole answer, begun before the load (which keeps a clock of its own): by the time the
    // load ends it is due, so the first rows held start a slice of their own rather than add to the load's last one.
    const turns = new EventLoopTurns();
    const replayed = reusable ? { ...kept, asOfMs } : await this.startingPoint(asOfMs, history, epoch, reportMeasures, turns);
    await this.applyRecordedUpTo(replayed, asOfMs, turns);
    this.kept = replayed;
    return replayed;
  }

  /** The engine at the end of `epoch`, or an empty one at position 0. */
  private async startingPoint(
    asOfMs: number,
    history: KpiReadModelHistory | null,
    epoch: ClosedEpoch | null,
    reportMeasures: boolean,
    turns: EventLoopTurns,
  ): Promise<ReplayedEngine> {
    const createEngine = this.options.createEngine ?? kpiEngineFactory();
    if (history === null || epoch === null) {
      return { asOfMs, history: null, epoch: null, engine: createEngine(null, { reportMeasures }), cold: null, position: 0 };
    }
    const heldSubjects = this.options.heldSubjects ?? DEFAULT_HELD_SUBJECTS;
    const hot = { openMaxDays: heldSubjects.openMaxDays, recentSince: recentSince(epoch.lastRecordedAt) };
    // The month of daily buckets a dashboard's chart needs live is read back here only if a question reaches it.
    const { checkpoint, snapshot } = await history.loadAsOf(epoch.epoch, hot, { dailyFromHourHorizon: true, withoutReportMeasures: !reportMeasures });
    // Made from the horizons and quality counters, then given the rows in steps: the app serves meanwhile.
    const engine = createEngine(snapshot === null ? null : { ...snapshot, declarations: [], cases: [], buckets: [] }, { reportMeasures });
    if (engine.keepsReportMeasures !== reportMeasures) {
      // It would fold the replay's observations into report buckets whose rows the load left out, or lack some asked;
      // and the kept engine's own word is what a later question's reuse trusts.
      throw new Error(`the KPI engine factory must honour the reportMeasures choice for an epoch's state (asked ${reportMeasures}, got ${engine.keepsReportMeasures})`);
    }
    if (snapshot !== null) await turns.complete(engine.holdStoredInSteps(snapshot));
    // Nothing is let go of: the engine lives for a few questions. Bounded only so that it reads back what it lacks.
    engine.boundHeldSubjects(heldSubjects, { restoredPartially: true });
    return { asOfMs, history, epoch: epoch.epoch, engine, cold: history.coldAsOf(epoch.epoch), position: checkpoint };
  }

  private async applyRecordedUpTo(replayed: ReplayedEngine, asOfMs: number, turns: EventLoopTurns): Promise<void> {
    await this.replayRecordedUpTo(replayed, asOfMs, turns);
    if (replayed.cold !== null) await bringBackColdBuckets(replayed.engine, replayed.cold, turns, NOBODY_READS);
    // The buckets take the replay's observations when the engine is first read: in steps here, not in the read.
    await turns.complete(replayed.engine.settleInSteps());
    // The question's own read starts a slice of its own.
    await turns.give();
  }

  private async replayRecordedUpTo(replayed: ReplayedEngine, asOfMs: number, turns: EventLoopTurns): Promise<void> {
    const pageSize = this.options.pageSize ?? 500;
    for (;;) {
      // The read and the read-back below are stretches of their own, not steps: the read is given a turn before it
      // when it would end past the slice, the read-back when one is due.
      const read: readonly RecordedEvent[] = await turns.stretch(() => this.options.store.readAll(replayed.position, pageSize));
      const page = read.filter((event) => Date.parse(event.recordedAt) <= asOfMs);
      if (replayed.cold !== null) await bringBackColdSubjects(replayed.engine, page, replayed.cold, NOBODY_READS);
      if (turns.due) await turns.give();
      for (const event of page) {
        replayed.engine.apply(event);
        replayed.position = event.position;
        // A page applies for longer than a slice: the app's requests must not wait for the whole replay.
        if (turns.due) await turns.give();
      }
      if (page.length < read.length || read.length < pageSize) return;
    }
  }
}

/** The replayed engine is read by one answer at a time, after its replay: nothing to wait for before changing it. */
const NOBODY_READS = (): Promise<void> => Promise.resolve();
