import { abortableDelay, backoffDelays } from '@customs-pulse/backoff';
import { type EventStore, EventLoopTurns, type RecordedEvent } from '@customs-pulse/event-store';

import { type KpiEngineSnapshot } from '../engine/engine-snapshot.js';
import { type HeldSubjectsPolicy, LET_GO_EVERY_EVENTS, recentReference, recentSince } from '../engine/held-subjects.js';
import { type KpiChanges } from '../engine/kpi-changes.js';
import { KpiEngine } from '../engine/kpi-engine.js';
import { MirroredReadModelSwappedError } from '../read-model/mirrored-read-model-swapped-error.js';
import { type ColdState, type CommittedKpiChanges, type HotSelection, type MirroredKpiReadModel } from '../read-model/read-model.port.js';
import { KpiReadModelUnloadableError } from '../read-model/unloadable-read-model-error.js';
import { bringBackColdSubjects } from './cold-read-back.js';
import { EngineReadHold } from './engine-read-hold.js';
import { HeadReached } from './head-reached.js';
import { tellResumed } from './tell-resumed.js';
import { type ResumedKpiProjection } from './kpi-commit-observer.port.js';
import { type KpiChangeListener, type ProjectorLogger } from './kpi-change-listener.js';
import { type KpiEngineFactory, kpiEngineFactory } from './kpi-engine-factory.js';
import { type ProjectionFailure, type ProjectionFailureListener, ProjectionFailures } from './projection-failures.js';

/** Options of a {@link KpiMirror}. */
export interface KpiMirrorOptions {
  /** The log: its head, for readiness, and the events between two checkpoints, for the listener. */
  readonly source: Pick<EventStore, 'head' | 'readAll' | 'readAllOfTypes'>;
  /** The types of the events the listener reads; null for every type. @defaultValue null */
  readonly eventTypes?: readonly string[] | null;
  readonly readModel: MirroredKpiReadModel;
  /** Told of the events of each checkpoint mirrored, with no KPI change: the writer's notifier told those. */
  readonly onChanges: KpiChangeListener;
  readonly logger: ProjectorLogger;
  /** @defaultValue `kpiEngineFactory()` */
  readonly createEngine?: KpiEngineFactory;
  /** The `now` the listener is told of, and the held subjects' reference. @defaultValue the system clock */
  readonly clock?: { now(): Date };
  /** Backoff of failed reads, as a projector's. @defaultValue `{ initialMs: 100, maxMs: 5000 }`, doubling */
  readonly retry?: { readonly initialMs: number; readonly maxMs: number };
  /** Told of each failed read, and of the first success after failures. @defaultValue nobody */
  readonly onFailures?: ProjectionFailureListener;
  /** As a projector's: told once the read model is loaded, before anything is mirrored. @defaultValue nobody */
  readonly onResumed?: (state: ResumedKpiProjection) => Promise<void>;
  /**
   * Loads only the hot declarations and cases, and lets go of those the policy lets go of; without it, every subject
   * is loaded and held. Buckets follow the writer's horizons whatever this says.
   */
  readonly heldSubjects?: HeldSubjectsPolicy;
  /** How often the read model's checkpoint is read, when the last read found nothing new. @defaultValue 100 */
  readonly pollMs?: number;
  /** Most events the listener's reads of the log take at once. @defaultValue 1000 */
  readonly pageSize?: number;
}

/** A batch's KPI changes when there are none: a mirror pushes nothing of its own. */
const NO_CHANGES: KpiChanges = { buckets: [], current: [] };

/**
 * A mirror of another process's KPI read model (README, "Gateways mirror the projector"): a distributed gateway's
 * view of the projector's active generation. It loads the hot state as a start does, then takes the rows each
 * commit stores (`MirroredKpiReadModel.changesSince`) in place of applying their events, so its position is always a
 * checkpoint the writer committed, and what it let go of is exactly what the read model holds: its cold reads and
 * the writer's agree. Its engine is as bounded as a projector's, and its start reads only the hot state. Should the
 * writer swap in another generation, it loads that one. It writes nothing, and tells its listener of the events
 * between checkpoints (the alert and target journals fold them).
 */
export class KpiMirror {
  /** Resolves once the mirror has reached the log's head as it was at start: readiness. */
  readonly caughtUp: Promise<void>;
  /** Held by a read of {@link KpiMirror.engine} that spans event-loop turns: nothing is mirrored meanwhile. */
  readonly hold = new EngineReadHold();
  private mirrored = 0;
  private told = 0;
  private projected: KpiEngine | null = null;
  private readonly head = new HeadReached();
  private controller: AbortController | null = null;
  private running: Promise<void> | null = null;
  private readonly failures: ProjectionFailures;
  /** Events mirrored since cold subjects were last let go of. */
  private sinceLetGo = 0;

  constructor(private readonly options: KpiMirrorOptions) {
    this.caughtUp = this.head.promise;
    this.failures = new ProjectionFailures(options.onFailures);
  }

  /** The failure of the last read, while none has succeeded since; null when healthy. */
  get failure(): ProjectionFailure | null {
    return this.failures.current;
  }

  /** The writer's checkpoint the engine holds the state of. */
  get position(): number {
    return this.mirrored;
  }

  /** The same as {@link KpiMirror.position}: a mirror applies no event of its own. */
  get appliedPosition(): number {
    return this.mirrored;
  }

  /** @throws Error before {@link KpiMirror.start} has loaded the read model. */
  get engine(): KpiEngine {
    if (this.projected === null) throw new Error('the KPI mirror has not loaded its read model yet');
    return this.projected;
  }

  /** Where the subjects and buckets the engine does not hold are read: the writer's committed state. */
  get cold(): ColdState {
    return this.options.readModel.cold;
  }

  get isCaughtUp(): boolean {
    return this.head.isReached;
  }

  /**
   * Loads the hot state and starts mirroring from its checkpoint. Once per mirror.
   * @throws KpiReadModelUnloadableError when what the read model holds does not decode.
   */
  async start(): Promise<void> {
    if (this.controller !== null) throw new Error('the KPI mirror was already started');
    const controller = new AbortController();
    this.controller = controller;
    const head = await this.options.source.head();
    const { checkpoint, engine } = await this.load(head.recordedAt, new EventLoopTurns());
    this.projected = engine;
    this.mirrored = checkpoint;
    this.told = checkpoint;
    this.head.aimAt(head.position);
    this.head.check(this.mirrored);
    this.running = this.resume(engine, controller.signal).then(() => this.follow(controller.signal));
    this.running.catch(() => undefined);
  }

  /** Stops mirroring, and waits for a pass in flight. */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.running?.catch(() => undefined);
    this.head.fail(new Error('the KPI mirror stopped before it caught up'));
  }

  /** The `bringBack` of a batch (kpi-commit-observer.port.ts): the subjects of `events` read back from the writer's state. */
  async bringBack(events: readonly RecordedEvent[]): Promise<void> {
    await bringBackColdSubjects(this.engine, events, this.cold, () => this.hold.allEnded());
  }

  /**
   * The hot state, held a row per step with turns between: a reload after a swap happens while the gateway serves.
   * @throws KpiReadModelUnloadableError when what the read model holds does not decode.
   */
  private async load(lastRecordedAt: string | null, turns: EventLoopTurns): Promise<{ checkpoint: number; engine: KpiEngine }> {
    const { heldSubjects, readModel } = this.options;
    const hot: HotSelection | undefined =
      heldSubjects === undefined ? undefined : { openMaxDays: heldSubjects.openMaxDays, recentSince: recentSince(recentReference(this.now(), lastRecordedAt)) };
    const { checkpoint, snapshot } = await readModel.load(hot);
    const engine = await this.restoredEngine(snapshot, turns);
    if (heldSubjects !== undefined) engine.boundHeldSubjects(heldSubjects, { restoredPartially: true });
    return { checkpoint, engine };
  }

  private async restoredEngine(snapshot: KpiEngineSnapshot | null, turns: EventLoopTurns): Promise<KpiEngine> {
    try {
      // Made from the horizons and quality counters alone, then given the rows, as an asOf answer loads an epoch.
      const engine = (this.options.createEngine ?? kpiEngineFactory())(snapshot === null ? null : { ...snapshot, declarations: [], cases: [], buckets: [] });
      if (snapshot !== null) await turns.complete(engine.holdStoredInSteps(snapshot));
      return engine;
    } catch (error) {
      throw new KpiReadModelUnloadableError(`the mirrored KPI read model does not load: ${describe(error)}`, { cause: error });
    }
  }

  private async resume(engine: KpiEngine, signal: AbortSignal): Promise<void> {
    const bringBack = (events: readonly RecordedEvent[]): Promise<void> => this.bringBack(events);
    await tellResumed(this.options.onResumed, { position: this.mirrored, caughtUp: this.head.isReached, engine, bringBack }, signal, this.options.logger);
  }

  /** Reads the changes after the checkpoint held until stopped; a failed read is tried again after a backoff. */
  private async follow(signal: AbortSignal): Promise<void> {
    const turns = new EventLoopTurns();
    let delays = this.retryDelays();
    /** Set once the writer swapped in another generation, until it is loaded. */
    let swapped = false;
    while (!signal.aborted) {
      try {
        if (swapped) await this.reload(turns);
        swapped = false;
        const changes = await this.options.readModel.changesSince(this.mirrored);
        if (changes !== null) await this.take(changes, turns);
        this.failures.succeeded();
        delays = this.retryDelays();
        if (changes !== null) continue;
        // Nothing new: a turn to let go of what the last ones brought, rather than wait for 1,000 more events.
        if (this.sinceLetGo > 0) await this.letGoOfColdSubjects();
        await abortableDelay(this.options.pollMs ?? 100, signal);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof MirroredReadModelSwappedError) {
          this.options.logger.warn(error.message);
          swapped = true;
          continue;
        }
        const delay = delays.next().value;
        const attempt = this.failures.failed(error);
        this.options.logger.warn(`KPI mirror read after ${this.mirrored} failed (attempt ${attempt}), retrying in ${delay} ms: ${describe(error)}`);
        await abortableDelay(delay, signal);
      }
    }
  }

  /**
   * Mirrors one read of changes, then tells the listener of the events up to it. The events are read and the rows
   * decoded first, with turns between rows (a catch-up commit writes thousands), so that a failed read or a row that
   * does not decode changes nothing; the engine then changes in one stretch, no query reading it across turns.
   */
  private async take({ checkpoint, changes }: CommittedKpiChanges, turns: EventLoopTurns): Promise<void> {
    const events = await this.eventsUpTo(checkpoint);
    const rows = await turns.complete(KpiEngine.decodeMirroredInSteps(changes));
    await this.hold.allEnded();
    this.engine.mirrorDecoded(rows);
    this.advance(checkpoint);
    // An hour's move of the horizons walks every line held: with turns, as the projector's let-go does.
    await turns.complete(this.engine.letGoOfBucketsBeforeHorizonsInSteps());
    await this.tell(events, checkpoint);
    if (this.sinceLetGo >= LET_GO_EVERY_EVENTS) await this.letGoOfColdSubjects();
  }

  private async letGoOfColdSubjects(): Promise<void> {
    // The log's last `recordedAt`, with now, as a projector counts "recent" from its batch's last event.
    const { recordedAt } = await this.options.source.head();
    await this.hold.allEnded();
    this.engine.letGoOfColdSubjects(recentReference(this.now(), recordedAt));
    this.sinceLetGo = 0;
  }

  /** Loads the active read model whole, after a swap, in place of the engine held. */
  private async reload(turns: EventLoopTurns): Promise<void> {
    const head = await this.options.source.head();
    const { checkpoint, engine } = await this.load(head.recordedAt, turns);
    const events = await this.eventsUpTo(checkpoint);
    await this.hold.allEnded();
    this.projected = engine;
    this.advance(checkpoint);
    await this.tell(events, checkpoint);
  }

  private advance(checkpoint: number): void {
    this.mirrored = checkpoint;
    this.head.check(checkpoint);
  }

  /** The events after those already told of, up to `checkpoint`, of the listener's types: none when a swap went back. */
  private async eventsUpTo(checkpoint: number): Promise<RecordedEvent[]> {
    const { pageSize = 1000, eventTypes = null, source } = this.options;
    const events: RecordedEvent[] = [];
    for (let after = this.told; after < checkpoint; ) {
      const limit = eventTypes === null ? Math.min(pageSize, checkpoint - after) : pageSize;
      const page = eventTypes === null ? await source.readAll(after, limit) : await source.readAllOfTypes(eventTypes, after, limit);
      events.push(...page.filter((event) => event.position <= checkpoint));
      const last = page.at(-1);
      if (page.length < limit || last === undefined || last.position >= checkpoint) break;
      after = last.position;
    }
    return events;
  }

  /** Tells the listener of `events`, all of the log's up to `checkpoint` it reads; its failure is logged, not allowed to stop mirroring. */
  private async tell(events: readonly RecordedEvent[], checkpoint: number): Promise<void> {
    if (checkpoint <= this.told) return;
    this.sinceLetGo += checkpoint - this.told;
    this.told = checkpoint;
    if (events.length === 0) return;
    try {
      await this.options.onChanges(NO_CHANGES, events, this.now().toISOString());
    } catch (error) {
      this.options.logger.error(`KPI mirror listener failed after the checkpoint ${this.mirrored}: ${describe(error)}`);
    }
  }

  private now(): Date {
    return this.options.clock?.now() ?? new Date();
  }

  private retryDelays(): Generator<number, never> {
    return backoffDelays({ ...(this.options.retry ?? { initialMs: 100, maxMs: 5000 }), multiplier: 2 });
  }

}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
