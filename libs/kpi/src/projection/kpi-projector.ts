import { abortableDelay, backoffDelays } from '@customs-pulse/backoff';
import { type KpiChanges } from '../engine/kpi-changes.js';
import { type KpiEngine } from '../engine/kpi-engine.js';
import { type HeldBucketsPolicy } from '../engine/bucket-horizons.js';
import { type HeldSubjectsPolicy, LET_GO_EVERY_EVENTS, recentReference, recentSince } from '../engine/held-subjects.js';
import { type ColdState, type KpiReadModel, type KpiReadModelCommit } from '../read-model/read-model.port.js';
import { StaleCheckpointError } from '../read-model/stale-checkpoint-error.js';
import { KpiReadModelUnloadableError } from '../read-model/unloadable-read-model-error.js';
import { type KpiEngineSnapshot } from '../engine/engine-snapshot.js';
import { type KpiChangeListener, type ProjectorLogger } from './kpi-change-listener.js';
import { EngineReadHold } from './engine-read-hold.js';
import { type KpiEngineFactory, kpiEngineFactory } from './kpi-engine-factory.js';
import { type CatchUpCommitPolicy, PendingCommit } from './pending-commit.js';
import { type ProjectionFailure, type ProjectionFailureListener, ProjectionFailures } from './projection-failures.js';
import { type EventStore, EventLoopTurns, type RecordedEvent } from '@customs-pulse/event-store';
import { type ResumedKpiProjection } from './kpi-commit-observer.port.js';
import { bringBackColdBuckets, bringBackColdSubjects } from './cold-read-back.js';
import { HeadReached } from './head-reached.js';
import { tellResumed } from './tell-resumed.js';

/** Options of a {@link KpiProjector}. */
export interface KpiProjectorOptions {
  /** The event store: the projector reads it through `subscribeAll` and `head` only. */
  readonly source: Pick<EventStore, 'subscribeAll' | 'head'>;
  readonly readModel: KpiReadModel;
  /** Told of each committed batch's KPI changes. */
  readonly onChanges: KpiChangeListener;
  readonly logger: ProjectorLogger;
  /** @defaultValue `kpiEngineFactory()`: default engine options */
  readonly createEngine?: KpiEngineFactory;
  /** Most events applied and committed together. @defaultValue 500 */
  readonly batchSize?: number;
  /**
   * Read once per commit: the `now` of `drainChanges`, which decides which current values changed, handed to the
   * listener. @defaultValue the system clock
   */
  readonly clock?: { now(): Date };
  /**
   * Backoff between attempts of a failed commit, and of a failed read of the log (the subscription is opened again
   * from the last applied position once the store answers). Retried without end: nothing is skipped.
   * @defaultValue `{ initialMs: 100, maxMs: 5000 }`, doubling
   */
  readonly retry?: { readonly initialMs: number; readonly maxMs: number };
  /** Told of each failed read or commit, and of the first success after failures. @defaultValue nobody */
  readonly onFailures?: ProjectionFailureListener;
  /**
   * While catching up (a start or a rebuild, up to the head the log had at start), batches are committed together
   * until this many events or this long since the last commit, whichever comes first. Once caught up, every batch
   * commits on its own, so live changes reach dashboards at once.
   * @defaultValue `{ maxEvents: 50_000, maxMs: 2_000 }`
   */
  readonly catchUpCommit?: CatchUpCommitPolicy;
  /**
   * Told once the read model is loaded, before the first event is applied, with the engine at the checkpoint; the
   * projector waits for it (unless stopped first). @defaultValue nobody
   */
  readonly onResumed?: (state: ResumedKpiProjection) => Promise<void>;
  /**
   * Keeps only hot declarations and cases in memory (README, "Hot and cold state"): a start loads only those, and the
   * rest are read back from the read model when an event needs them. Only with a read model that has `cold`; without
   * this option, or with a read model that keeps no subjects, the engine holds every subject.
   */
  readonly heldSubjects?: HeldSubjectsPolicy;
  /**
   * Keeps only the buckets of the live windows in memory (README, "Hot and cold state"), with `heldSubjects` and a
   * read model that has `cold`: a start loads only those, older ones are read back when a query or a late event needs
   * them. Without it the engine lets no bucket go (but one restored with stored horizons still reads back what is
   * before them).
   */
  readonly heldBuckets?: HeldBucketsPolicy;
  /**
   * Most events in one epoch of the read model's history (read-model.port.ts, KpiReadModelHistory): a question asOf
   * a past time loads the state of the last epoch closed by then and replays at most this many events on top. Every
   * commit that reaches it closes the epoch, and so does the first commit after a start; a catch-up commits there.
   * @defaultValue {@link DEFAULT_EPOCH_EVENTS}
   */
  readonly epochEvents?: number;
}

/** See {@link KpiProjectorOptions.epochEvents}: about 0.2 s of replay, and a version of each hot row per epoch. */
export const DEFAULT_EPOCH_EVENTS = 10_000;

/**
 * The KPI projector (architecture.md): an ordered consumer of the global log from its checkpoint. Per batch it
 * applies every event to the engine, commits what changed with the new checkpoint in one compare-and-set
 * transaction (guarantee 3: after a crash it resumes from the checkpoint and the state stored with it), and then
 * tells the listener what changed. A failed commit is retried, never skipped; a stale checkpoint is fatal.
 */
export class KpiProjector {
  /** Resolves once the projector has committed up to the log's head as it was at start: readiness. */
  readonly caughtUp: Promise<void>;
  /** Held by a read of {@link KpiProjector.engine} that spans event-loop turns: no event is applied meanwhile. */
  readonly hold = new EngineReadHold();
  private committed = 0;
  private applied = 0;
  private projected: KpiEngine | null = null;
  private readonly head = new HeadReached();
  private controller: AbortController | null = null;
  private running: Promise<void> | null = null;
  private readonly failures: ProjectionFailures;
  /** Whether the engine keeps only hot subjects (`heldSubjects`), the rest being read back from `readModel.cold`. */
  private bounded = false;
  /** Events committed since cold subjects were last let go of. */
  private sinceLetGo = 0;
  /**
   * Events this projector committed in the read model's open epoch; null before its first commit.
   */
  private inEpoch: number | null = null;

  constructor(private readonly options: KpiProjectorOptions) {
    this.caughtUp = this.head.promise;
    this.failures = new ProjectionFailures(options.onFailures);
  }

  /** The failure of the last attempt to read or commit, while it has not succeeded since; null when healthy. */
  get failure(): ProjectionFailure | null {
    return this.failures.current;
  }

  /** Position of the last event whose effect is committed to the read model. */
  get position(): number {
    return this.committed;
  }

  /**
   * Position of the last event applied to {@link KpiProjector.engine}: ahead of {@link KpiProjector.position} while
   * a batch is being committed. Queries answer from the engine, so this is the `position` they report.
   */
  get appliedPosition(): number {
    return this.applied;
  }

  /**
   * The engine being projected into, for queries. Read it synchronously: it changes between batches, never during
   * a synchronous read; a read that gives the event loop turns runs inside {@link KpiProjector.hold}.
   * @throws Error before {@link KpiProjector.start} has loaded the read model.
   */
  get engine(): KpiEngine {
    if (this.projected === null) throw new Error('the KPI projector has not loaded its read model yet');
    return this.projected;
  }

  /**
   * Where the subjects and buckets the engine let go of are read back (queries: a declaration, the TRS population, a
   * series before the horizons); null when the engine holds everything. Its reads see the committed state, which for a
   * subject or bucket not held is the engine's.
   */
  get cold(): ColdState | null {
    return this.bounded ? this.options.readModel.cold ?? null : null;
  }

  /** Whether {@link KpiProjector.caughtUp} has resolved. */
  get isCaughtUp(): boolean {
    return this.head.isReached;
  }

  /**
   * Settles when projection ends: resolves after {@link KpiProjector.stop}, rejects with what made it fail
   * (`StaleCheckpointError`: another projector moved the checkpoint).
   */
  get done(): Promise<void> {
    if (this.running === null) throw new Error('the KPI projector was not started');
    return this.running;
  }

  /**
   * Loads the read model, restores the engine and starts projecting from the checkpoint. Once per projector.
   * @throws KpiReadModelUnloadableError when what the read model holds does not decode.
   */
  async start(): Promise<void> {
    if (this.controller !== null) throw new Error('the KPI projector was already started');
    const controller = new AbortController();
    this.controller = controller;
    const { readModel, heldSubjects } = this.options;
    const head = await this.options.source.head();
    const bounded = heldSubjects !== undefined && readModel.cold !== undefined;
    const hot = bounded ? { openMaxDays: heldSubjects.openMaxDays, recentSince: recentSince(recentReference(this.now(), head.recordedAt)) } : undefined;
    const { checkpoint, snapshot } = await readModel.load(hot);
    const engine = this.restoredEngine(snapshot);
    if (bounded) engine.boundHeldSubjects(heldSubjects, { restoredPartially: snapshot !== null });
    if (bounded && this.options.heldBuckets !== undefined) engine.boundHeldBuckets(this.options.heldBuckets);
    this.bounded = bounded;
    this.committed = checkpoint;
    this.applied = checkpoint;
    this.projected = engine;
    this.head.aimAt(head.position);
    this.head.check(this.committed);
    this.running = this.resume(engine, controller.signal).then(() => this.project(engine, controller.signal)).then(
      () => this.head.fail(new Error('the KPI projector stopped before it caught up')),
      (error: unknown) => {
        this.options.logger.error(`KPI projector stopped at ${this.committed}: ${describe(error)}`);
        this.head.fail(error);
        throw error;
      },
    );
    this.running.catch(() => undefined);
  }

  /** Tells `onResumed` of the loaded state; stopping does not wait for it. Its failure does not stop projection. */
  private async resume(engine: KpiEngine, signal: AbortSignal): Promise<void> {
    const bringBack = (events: readonly RecordedEvent[]): Promise<void> => this.bringBack(events);
    await tellResumed(this.options.onResumed, { position: this.committed, caughtUp: this.head.isReached, engine, bringBack }, signal, this.options.logger);
  }

  /** The engine restored from what the read model holds. @throws KpiReadModelUnloadableError when that does not decode. */
  private restoredEngine(snapshot: KpiEngineSnapshot | null): KpiEngine {
    try {
      return (this.options.createEngine ?? kpiEngineFactory())(snapshot);
    } catch (error) {
      throw new KpiReadModelUnloadableError(`the KPI read model does not load: ${describe(error)}`, { cause: error });
    }
  }

  /** Ends the subscription and waits for the batch in flight to be committed (or its retries abandoned). */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.running?.catch(() => undefined);
  }

  /**
   * Projects until stopped. A failed read of the log (a failover, a restart of the store) opens the subscription
   * again after the last applied event once the store answers its head, after a backoff; what was applied but not
   * yet committed stays pending, so nothing is skipped or applied twice.
   */
  private async project(engine: KpiEngine, signal: AbortSignal): Promise<void> {
    const pending = new PendingCommit(this.options.catchUpCommit ?? { maxEvents: 50_000, maxMs: 2_000 });
    let delays = this.retryDelays();
    while (!signal.aborted) {
      try {
        // With nothing to read, the store answering is the recovery; otherwise the first batch read is.
        if ((await this.options.source.head()).position <= this.applied) this.failures.succeeded();
        await this.projectSubscription(engine, pending, signal);
        return;
      } catch (error) {
        if (error instanceof StaleCheckpointError) throw error;
        if (signal.aborted) return;
        // A new outage starts again from the shortest wait.
        if (this.failures.current === null) delays = this.retryDelays();
        const delay = delays.next().value;
        const attempt = this.failures.failed(error);
        this.options.logger.warn(
          `KPI projection read after ${this.applied} failed (attempt ${attempt}), retrying in ${delay} ms: ${describe(error)}`,
        );
        await abortableDelay(delay, signal);
      }
    }
  }

  /** Applies and commits the batches of one subscription until it ends or projection stops. */
  private async projectSubscription(engine: KpiEngine, pending: PendingCommit, signal: AbortSignal): Promise<void> {
    const { source, batchSize = 500 } = this.options;
    const turns = new EventLoopTurns();
    for await (const batch of source.subscribeAll(this.applied, { batchSize, signal })) {
      const last = batch.at(-1);
      if (last === undefined) continue;
      this.failures.succeeded();
      await this.bringBackColdSubjects(engine, batch);
      // Catching up from SQLite, reads resolve at once: without turns, nothing else would run until the head. A query
      // between two events of a batch reads the engine up to `applied`, so it moves with each event.
      for (const event of batch) {
        if (this.hold.released !== null) await this.hold.allEnded();
        engine.apply(event);
        this.applied = event.position;
        if (turns.due) await turns.give();
      }
      pending.add(batch);
      // Catching up, each commit rewrites every bucket and declaration its batches touched: fewer, larger commits
      // write each of them fewer times. Live, a batch waits for nothing.
      if (this.head.isReachedBy(this.applied) || pending.isDue() || this.fillsEpoch(pending.size) || signal.aborted) {
        if (!(await this.commitPending(engine, pending.take(), signal, turns))) return;
      }
      if (signal.aborted) return;
    }
  }

  /** Commits what was applied since the last commit, then tells the listener. @returns false when stopped first. */
  private async commitPending(engine: KpiEngine, events: readonly RecordedEvent[], signal: AbortSignal, turns: EventLoopTurns): Promise<boolean> {
    // A catch-up commit holds tens of thousands of declarations and buckets: draining them, and reading the changes
    // they amount to, go a step at a time with turns between. No event is applied meanwhile (this loop is the only
    // one that applies), so the drain is the engine as of `applied`. The read model gives turns within its write.
    // One instant per commit: the horizons below, the current values told of, the let-go of subjects.
    const now = this.now();
    // Retried here, not by the subscription's retry: the events taken for this commit would go untold, and at the
    // head no next batch would come to commit them.
    const readBack = `read-back of the buckets late events reach, for the commit up to ${this.applied}`;
    if (!(await this.untilReadModelAnswers(readBack, () => this.bringBackColdBuckets(engine, turns), signal))) return false;
    // Before the drain, so that the horizons and the backlog they carry are committed with the buckets: a start then
    // loads only what is after them. Only buckets committed already go; those the drain is about to write stay.
    await this.hold.allEnded();
    await turns.complete(engine.letGoOfColdBucketsInSteps(recentReference(now, events.at(-1)?.recordedAt ?? null)));
    const dirty = await turns.complete(engine.drainDirtyInSteps());
    const last = events.at(-1);
    // The first commit after a start closes the epoch too, so that an epoch begun before a restart, whose events this
    // projector did not count, ends at most one epoch's events later.
    const closesEpoch = last !== undefined && (this.inEpoch === null || this.fillsEpoch(events.length));
    const change: KpiReadModelCommit = {
      expectedCheckpoint: this.committed,
      checkpoint: this.applied,
      dirty,
      ...(closesEpoch ? { closesEpoch: { lastRecordedAt: last.recordedAt } } : {}),
    };
    // Always: the read model's write gives turns on a slice clock of its own, which would otherwise start where this
    // one's slice is about to end, and the two would add up to one stretch of twice the slice.
    await turns.give();
    if (!(await this.untilReadModelAnswers(`commit up to ${change.checkpoint}`, () => this.options.readModel.commit(change), signal))) return false;
    if (turns.due) await turns.give();
    this.committed = change.checkpoint;
    this.inEpoch = closesEpoch ? 0 : (this.inEpoch ?? 0) + events.length;
    const catchingUp = !this.head.isReached;
    const changes = await turns.complete(engine.drainChangesInSteps(now.toISOString()));
    // Readiness and the listener in one stretch: a rebuild is swapped in once caught up, and its last catch-up batch,
    // which the projection it replaces has told of already, must reach its listener before that, or be told twice.
    this.head.check(this.committed);
    await this.tell(changes, events, now.toISOString());
    this.sinceLetGo += events.length;
    // Also once caught up: a start or a rebuild leaves the engine no bigger than live work needs.
    if (this.sinceLetGo >= LET_GO_EVERY_EVENTS || (catchingUp && this.head.isReached)) {
      // After the listener: the alert rules read the facts of the batch just committed.
      await this.hold.allEnded();
      engine.letGoOfColdSubjects(recentReference(now, events.at(-1)?.recordedAt ?? null));
      this.sinceLetGo = 0;
    }
    return true;
  }

  /** Whether `events` more events fill the read model's open epoch: a catch-up commits there. */
  private fillsEpoch(events: number): boolean {
    return (this.inEpoch ?? 0) + events >= (this.options.epochEvents ?? DEFAULT_EPOCH_EVENTS);
  }

  /** The `bringBack` of a committed batch (kpi-commit-observer.port.ts), for this engine. @throws Error before {@link KpiProjector.start}. */
  bringBack(events: readonly RecordedEvent[]): Promise<void> {
    return this.bringBackColdSubjects(this.engine, events);
  }

  /**
   * Reads back from the read model the subjects of `batch` the engine let go of, before any of its events is applied.
   * The read model has them as they were let go: a subject is let go of only once its facts are committed, and
   * nothing changes them while it is cold. A failed read fails the batch, which is read again after a backoff.
   */
  private async bringBackColdSubjects(engine: KpiEngine, batch: readonly RecordedEvent[]): Promise<void> {
    const cold = this.options.readModel.cold;
    if (cold !== undefined) await bringBackColdSubjects(engine, batch, cold, () => this.hold.allEnded());
  }

  /**
   * Reads back the buckets that the late events applied since the last commit reach before the hour horizon, and
   * applies what waited for them: before the drain, which writes those buckets whole. The read model has them as they
   * were let go: a bucket is let go of only once committed. A failed read is tried again by the commit, after a backoff.
   */
  private async bringBackColdBuckets(engine: KpiEngine, turns: EventLoopTurns): Promise<void> {
    if (!engine.awaitsColdBuckets) return;
    const cold = this.options.readModel.cold;
    if (cold === undefined) throw new Error('the KPI engine let buckets go, but its read model cannot give them back');
    await bringBackColdBuckets(engine, cold, turns, () => this.hold.allEnded());
  }

  private now(): Date {
    return (this.options.clock ?? SYSTEM_CLOCK).now();
  }

  /**
   * Runs `step` of a commit against the read model until it succeeds, after a backoff between failures: a read model
   * that does not answer holds the commit back, and loses none of it.
   * @returns false when stopped first: the engine is then ahead of the store, and dropped.
   */
  private async untilReadModelAnswers(what: string, step: () => Promise<void>, signal: AbortSignal): Promise<boolean> {
    const delays = this.retryDelays();
    for (let attempt = 1; ; attempt += 1) {
      try {
        await step();
        this.failures.succeeded();
        return true;
      } catch (error) {
        // Retrying cannot make a moved checkpoint ours again.
        if (error instanceof StaleCheckpointError) throw error;
        this.failures.failed(error);
        const delay = delays.next().value;
        this.options.logger.warn(`KPI read model ${what} failed (attempt ${attempt}), retrying in ${delay} ms: ${describe(error)}`);
        await abortableDelay(delay, signal);
        if (signal.aborted) return false;
      }
    }
  }

  /** The changes are committed whatever the listener does: its failure is logged, not allowed to stop projection. */
  private async tell(changes: KpiChanges, batch: readonly RecordedEvent[], now: string): Promise<void> {
    try {
      await this.options.onChanges(changes, batch, now);
    } catch (error) {
      this.options.logger.error(`KPI change listener failed after commit up to ${this.committed}: ${describe(error)}`);
    }
  }

  /** A fresh schedule of waits between failed attempts: each outage starts again from the shortest. */
  private retryDelays(): Generator<number, never> {
    return backoffDelays({ ...(this.options.retry ?? { initialMs: 100, maxMs: 5000 }), multiplier: 2 });
  }

}

const SYSTEM_CLOCK = { now: () => new Date() };

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
