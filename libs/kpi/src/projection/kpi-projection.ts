import type { EventStore, RecordedEvent } from '@customs-pulse/event-store';
import { type HeldSubjectsFigures } from '../engine/kpi-engine.js';
import { type ColdState, type KpiReadModelHistory } from '../read-model/read-model.port.js';

import { type KpiChanges } from '../engine/kpi-changes.js';
import { type KpiEngine } from '../engine/kpi-engine.js';
import { type KpiUpdate, type Notifier } from '../notifier/notifier.port.js';
import { type ProjectorLogger } from './kpi-change-listener.js';
import { type KpiEngineFactory } from './kpi-engine-factory.js';
import { type EngineReadHold } from './engine-read-hold.js';
import { KpiMirror } from './kpi-mirror.js';
import { KpiProjector, type KpiProjectorOptions } from './kpi-projector.js';
import { type KpiReadModelGeneration, type KpiReadModelGenerations } from '../read-model/read-model-generations.port.js';
import { currentUpdates } from './current-updates.js';
import { type CommittedKpiBatch, type KpiCommitObserver, type ResumedKpiProjection } from './kpi-commit-observer.port.js';
import { type KpiProjectionMetrics, type ProjectorRole } from './kpi-projection-metrics.port.js';
import { type ProjectionFailure } from './projection-failures.js';
import { KpiReadModelUnloadableError } from '../read-model/unloadable-read-model-error.js';
import { KpiProjectionRestoringError } from './kpi-projection-restoring-error.js';
import { abortableDelay, backoffDelays } from '@customs-pulse/backoff';

/** Options of a {@link KpiProjection}. */
export interface KpiProjectionOptions {
  /** The log: a projector subscribes to it, a mirror reads the events between two checkpoints for the observers. */
  readonly source: Pick<EventStore, 'subscribeAll' | 'head' | 'readAll' | 'readAllOfTypes'>;
  readonly generations: KpiReadModelGenerations;
  readonly notifier: Notifier;
  /**
   * Told of each batch the live projection commits, after the notifier, in this order, whether the notifier or an
   * observer before succeeded or not. @defaultValue none
   */
  readonly observers?: readonly KpiCommitObserver[];
  readonly logger: ProjectorLogger & { log(message: string): void };
  /**
   * Counts the notifier's and the observers' failures, and every projector's failed reads and commits and recoveries
   * (a rebuild's included). @defaultValue nothing counted
   */
  readonly metrics?: Pick<KpiProjectionMetrics, 'notifierFailed' | 'commitObserverFailed' | 'projectionFailures'>;
  /** @defaultValue `kpiEngineFactory()` */
  readonly createEngine?: KpiEngineFactory;
  /** @defaultValue the projector's default */
  readonly batchSize?: number;
  /** The `now` of current values, read by the projector once per commit. @defaultValue the system clock */
  readonly clock?: { now(): Date };
  /** Backoff of the projectors' failed reads and commits (the projector's `retry`). @defaultValue the projector's */
  readonly retry?: KpiProjectorOptions['retry'];
  /** The projectors' `heldSubjects`, a rebuild's included. @defaultValue every subject held */
  readonly heldSubjects?: KpiProjectorOptions['heldSubjects'];
  /** The projectors' `heldBuckets`, a rebuild's included. @defaultValue every bucket held */
  readonly heldBuckets?: KpiProjectorOptions['heldBuckets'];
  /** The projectors' `epochEvents`, a rebuild's included. @defaultValue the projector's */
  readonly epochEvents?: number;
  /** A mirror's `pollMs`, where the generations' read models are mirrored. @defaultValue the mirror's */
  readonly mirrorPollMs?: number;
}

/** The engine queries answer from, and the store position it has applied. */
export interface KpiProjectionView {
  readonly engine: KpiEngine;
  readonly position: number;
  /** Keeps `engine` at `position` for a read that gives the event loop turns. */
  readonly hold: Pick<EngineReadHold, 'during'>;
  /** Where the subjects and buckets `engine` let go of are read; null when it holds everything. Read it inside `hold`. */
  readonly cold: ColdState | null;
}

/** What a rebuild did. */
export interface KpiRebuildReport {
  /** The generation now active. */
  readonly generation: number;
  /** The position the rebuilt projection had committed when it was swapped in. */
  readonly position: number;
  readonly durationMs: number;
}

interface LiveProjector {
  /** A mirror where the generation's read model is another process's (`KpiReadModel.mirrored`). */
  readonly projector: KpiProjector | KpiMirror;
  readonly generation: KpiReadModelGeneration;
}

/**
 * The KPI projection of one process: a {@link KpiProjector} on the active read model generation, the engine queries
 * read, and "rebuild and swap" (issue 5). A rebuild projects from position 0 into a fresh generation while the live
 * projector goes on; once the rebuild has caught up with the log it becomes the live projector, its generation is
 * activated and the old one deleted. Queries never see a half-built engine, and the projection never stops.
 */
export class KpiProjection {
  private live: LiveProjector | null = null;
  private rebuilding: Promise<KpiRebuildReport> | null = null;
  /** Why the active generation did not load, while a fresh one is being rebuilt in its place; null otherwise. */
  private unloadable: string | null = null;
  private restoring: Promise<void> | null = null;
  private restoringProjector: KpiProjector | KpiMirror | null = null;
  private readonly stopping = new AbortController();

  constructor(private readonly options: KpiProjectionOptions) {}

  /**
   * Loads the active generation and starts projecting from its checkpoint. Should the generation not load (a
   * corrupted row or file, a form this build cannot read), says why and restores one in the background instead of
   * failing: the process stays up and answers 503 until then, never crash-loops. A projector rebuilds into a fresh
   * generation; a follower waits for the projector's rebuilt generation (see `KpiReadModelGenerations.restoredBy`).
   */
  async start(): Promise<void> {
    if (this.live !== null || this.unloadable !== null) throw new Error('the KPI projection was already started');
    let generation: KpiReadModelGeneration | null = null;
    try {
      generation = await this.options.generations.active();
      this.live = { projector: await this.startProjector(generation, 'live'), generation };
    } catch (error) {
      if (!(error instanceof KpiReadModelUnloadableError)) throw error;
      this.unloadable = error.message;
      const broken = generation === null ? 'the active KPI read model generation' : `KPI read model generation ${generation.generation}`;
      const following = this.options.generations.restoredBy === 'following';
      this.options.logger.error(
        following
          ? `${broken} does not load, so this follower waits for the projector to rebuild it into a fresh generation; until then KPI queries answer 503: ${error.message}`
          : `${broken} does not load, so the KPIs are rebuilt from the event store into a fresh generation; until then KPI queries answer 503: ${error.message}`,
      );
      this.restoring = following ? this.follow(broken) : this.restore(broken);
    }
  }

  /**
   * The live engine and its applied position. Read the engine synchronously (see `KpiProjector.engine`).
   * @throws KpiProjectionRestoringError while an unloadable generation is being rebuilt.
   */
  view(): KpiProjectionView {
    if (this.live === null && this.unloadable !== null) throw new KpiProjectionRestoringError(this.unloadable);
    const { projector } = this.requireLive();
    return { engine: projector.engine, position: projector.appliedPosition, hold: projector.hold, cold: projector.cold };
  }

  /**
   * Where questions asOf a past time start (read-model.port.ts, KpiReadModelHistory): the generations' own (a
   * follower's: the projector's active generation), or the live read model's; null when there is none.
   */
  async history(): Promise<KpiReadModelHistory | null> {
    const { generations } = this.options;
    if (generations.history !== undefined) return generations.history();
    return this.live?.generation.readModel.history ?? null;
  }

  /** What the live projector's engine holds in memory; null while there is none. */
  heldSubjects(): HeldSubjectsFigures | null {
    return this.live?.projector.engine.heldSubjects() ?? null;
  }

  /** The position whose effect the live projector has stored; 0 while there is none. */
  get committedPosition(): number {
    return this.live?.projector.position ?? 0;
  }

  /** The position the live projector has applied; 0 while there is none. */
  get appliedPosition(): number {
    return this.live?.projector.appliedPosition ?? 0;
  }

  /** Why the active generation did not load, while it is being rebuilt; null otherwise. */
  get restoringBecause(): string | null {
    return this.live === null ? this.unloadable : null;
  }

  /** Whether the live projector has caught up with the log as it was at its start: readiness. */
  get isCaughtUp(): boolean {
    return this.live?.projector.isCaughtUp ?? false;
  }

  /** Why the live projector's last read or commit failed, while it has not succeeded since; null when healthy. */
  get failure(): ProjectionFailure | null {
    return this.live?.projector.failure ?? null;
  }

  /** Resolves once the live projector has caught up. */
  get caughtUp(): Promise<void> {
    return this.requireLive().projector.caughtUp;
  }

  /**
   * Replays the log from position 0 into a fresh generation and swaps it in. A second call while one runs gets the
   * same rebuild; a call while an active generation that did not load is restored gets that restore.
   */
  rebuild(): Promise<KpiRebuildReport> {
    this.rebuilding ??= this.rebuildAndSwap().finally(() => {
      this.rebuilding = null;
      // Swapped in or given up, no rebuild is failing any more.
      this.options.metrics?.projectionFailures(0, 'rebuild');
    });
    return this.rebuilding;
  }

  /** Stops the live projector (and a rebuild in progress) and closes the read models. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.restoringProjector?.stop();
    await this.restoring;
    await this.live?.projector.stop();
    await this.rebuilding?.catch(() => undefined);
    await this.options.generations.close();
  }

  private async rebuildAndSwap(): Promise<KpiRebuildReport> {
    const startedAt = performance.now();
    // An active generation that did not load is being rebuilt from position 0 already (`restore`): that rebuild is
    // the one asked for (`npm run kpi:rebuild` on such a read model), and a second would replay the log again.
    if (this.live === null && this.restoring !== null) {
      await this.restoring;
      const restored = this.requireLive();
      return { generation: restored.generation.generation, position: restored.projector.position, durationMs: Math.round(performance.now() - startedAt) };
    }
    const previous = this.requireLive();
    const generation = await this.options.generations.fresh();
    this.options.logger.log(`KPI rebuild into generation ${generation.generation} started`);
    const projector = await this.startProjector(generation, 'rebuild');
    try {
      await projector.caughtUp;
    } catch (error) {
      await projector.stop();
      throw error;
    }
    // The old projector stops before its generation is deleted; from here on the rebuilt one is live.
    this.live = { projector, generation };
    // Reads that began on the old engine may still read its cold subjects from the old read model: they end first.
    await previous.projector.hold.allEnded();
    await previous.projector.stop();
    await previous.generation.readModel.close();
    await this.options.generations.activate(generation.generation);
    const report = { generation: generation.generation, position: projector.position, durationMs: Math.round(performance.now() - startedAt) };
    this.options.logger.log(`KPI rebuild swapped in generation ${report.generation} at position ${report.position} in ${report.durationMs} ms`);
    return report;
  }

  /**
   * Rebuilds from position 0 into a fresh generation and makes it the live one, in place of `broken`, which is
   * deleted once the fresh one is active. Tried again after a backoff should anything fail on the way (the
   * projector itself retries failed reads and commits); never throws.
   */
  private async restore(broken: string): Promise<void> {
    const signal = this.stopping.signal;
    const delays = this.restoreDelays();
    const startedAt = performance.now();
    while (!signal.aborted) {
      try {
        const generation = await this.options.generations.fresh();
        this.options.logger.log(`KPI rebuild into generation ${generation.generation} started, in place of ${broken}`);
        // It restores the live view, so its failures are the live projection's.
        const projector = await this.startProjector(generation, 'live');
        this.restoringProjector = projector;
        await projector.caughtUp;
        this.live = { projector, generation };
        this.restoringProjector = null;
        // Activating closes and deletes every older generation, the broken one among them.
        await this.options.generations.activate(generation.generation);
        this.options.logger.log(
          `KPI rebuild swapped in generation ${generation.generation} at position ${projector.position} in ${Math.round(performance.now() - startedAt)} ms; KPI queries are answered again`,
        );
        return;
      } catch (error) {
        if (signal.aborted) return;
        const delay = delays.next().value;
        this.options.logger.warn(`KPI rebuild in place of ${broken} failed, retrying in ${delay} ms: ${error instanceof Error ? error.message : String(error)}`);
        await abortableDelay(delay, signal);
      }
    }
  }

  /**
   * A follower writes no generation, so it cannot rebuild the broken one: it reads the active generation again after
   * a backoff until it loads, which it does once the projector, which met the same generation, has swapped in its
   * rebuild. Never throws.
   */
  private async follow(broken: string): Promise<void> {
    const signal = this.stopping.signal;
    const delays = this.restoreDelays();
    while (!signal.aborted) {
      await abortableDelay(delays.next().value, signal);
      if (signal.aborted) return;
      try {
        const generation = await this.options.generations.active();
        this.live = { projector: await this.startProjector(generation, 'live'), generation };
        this.options.logger.log(`KPI read model generation ${generation.generation} loads, in place of ${broken}; this follower answers KPI queries again`);
        return;
      } catch (error) {
        // Still the broken generation (or a new fault): the reason readiness shows is the latest.
        if (error instanceof KpiReadModelUnloadableError) this.unloadable = error.message;
        else this.options.logger.warn(`KPI read model in place of ${broken} cannot be read yet: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  private restoreDelays(): Iterator<number, never> {
    return backoffDelays({ ...(this.options.retry ?? { initialMs: 100, maxMs: 5000 }), multiplier: 2 });
  }

  /** @param startsAs - whose failures it reports: a rebuild's reports as the live one's once swapped in. */
  private async startProjector(generation: KpiReadModelGeneration, startsAs: ProjectorRole): Promise<KpiProjector | KpiMirror> {
    // Only a live projector's start resumes the observers: a rebuild's state equals what they already saw.
    const onResumed = startsAs === 'live' ? (state: ResumedKpiProjection) => this.resumeObservers(state) : undefined;
    const { source, logger, createEngine, batchSize, clock, metrics, retry, heldSubjects, heldBuckets, epochEvents, mirrorPollMs } = this.options;
    const { mirrored } = generation.readModel;
    if (mirrored !== undefined) {
      const mirror: KpiMirror = new KpiMirror({
        source,
        readModel: mirrored,
        onChanges: (changes, events, now) => this.publish(mirror, changes, events, now),
        eventTypes: this.observedTypes(),
        logger,
        ...(createEngine ? { createEngine } : {}),
        ...(clock ? { clock } : {}),
        ...(metrics ? { onFailures: (consecutive: number) => metrics.projectionFailures(consecutive, 'live') } : {}),
        ...(retry ? { retry } : {}),
        ...(heldSubjects ? { heldSubjects } : {}),
        ...(mirrorPollMs ? { pollMs: mirrorPollMs } : {}),
        ...(onResumed ? { onResumed } : {}),
      });
      await mirror.start();
      return mirror;
    }
    const projector: KpiProjector = new KpiProjector({
      source,
      readModel: generation.readModel,
      onChanges: (changes, events, now) => this.publish(projector, changes, events, now),
      logger,
      ...(createEngine ? { createEngine } : {}),
      ...(batchSize ? { batchSize } : {}),
      ...(clock ? { clock } : {}),
      ...(metrics ? { onFailures: (consecutive: number) => metrics.projectionFailures(consecutive, this.roleOf(projector, startsAs)) } : {}),
      ...(retry ? { retry } : {}),
      ...(heldSubjects ? { heldSubjects } : {}),
      ...(heldBuckets ? { heldBuckets } : {}),
      ...(epochEvents ? { epochEvents } : {}),
      ...(onResumed ? { onResumed } : {}),
    });
    await projector.start();
    return projector;
  }

  /** The event types the observers read, when every one names its own; null when one reads every type. */
  private observedTypes(): readonly string[] | null {
    const types = new Set<string>();
    for (const observer of this.options.observers ?? []) {
      if (observer.eventTypes === undefined) return null;
      for (const type of observer.eventTypes) types.add(type);
    }
    return [...types];
  }

  private roleOf(projector: KpiProjector | KpiMirror, startsAs: ProjectorRole): ProjectorRole {
    return startsAs === 'live' || this.live?.projector === projector ? 'live' : 'rebuild';
  }

  /** Only the live projector speaks: a rebuild's values equal the live ones by determinism (guarantee 4). */
  private async publish(projector: KpiProjector | KpiMirror, changes: KpiChanges, events: readonly RecordedEvent[], now: string): Promise<void> {
    if (this.live?.projector !== projector) return;
    const { engine, position, isCaughtUp: caughtUp } = projector;
    const updates = currentUpdates(engine, changes, now, position);
    if (updates.length > 0) await this.notify(updates, position);
    const bringBack = (missed: readonly RecordedEvent[]): Promise<void> => projector.bringBack(missed);
    for (const observer of this.options.observers ?? []) await this.tell(observer, { events, updates, position, now, caughtUp, engine, bringBack, cold: projector.cold });
  }

  /** Each observer in turn, whatever the others do, as for a batch. */
  private async resumeObservers(state: ResumedKpiProjection): Promise<void> {
    for (const observer of this.options.observers ?? []) {
      try {
        await observer.resumed?.(state);
      } catch (error) {
        this.options.metrics?.commitObserverFailed();
        this.options.logger.error(`KPI commit observer ${observer.constructor.name} failed to resume at ${state.position}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** One observer's failure must not cost the others the batch (the alert judge among them: guarantee 9). */
  private async tell(observer: KpiCommitObserver, batch: CommittedKpiBatch): Promise<void> {
    try {
      await observer.committed(batch);
    } catch (error) {
      this.options.metrics?.commitObserverFailed();
      this.options.logger.error(
        `KPI commit observer ${observer.constructor.name} failed for the batch up to ${batch.position}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * A push that failed is lost to live clients (they read the next one, or reload), but it must not cost the batch
   * its observers: the alert rules would never judge it (architecture.md, guarantee 9).
   */
  private async notify(updates: readonly KpiUpdate[], position: number): Promise<void> {
    try {
      await this.options.notifier.publishKpiUpdates(updates);
    } catch (error) {
      this.options.metrics?.notifierFailed();
      this.options.logger.error(`KPI notifier failed for the batch up to ${position}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private requireLive(): LiveProjector {
    if (this.live === null) throw new Error('the KPI projection has not been started');
    return this.live;
  }
}
