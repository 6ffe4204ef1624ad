import { CLEARANCE_EVENT_TYPES, type KpiId } from '@customs-pulse/domain';

import { BacklogMoments } from './backlog-moments.js';
import { BucketHorizons, type HeldBucketsPolicy, horizonsAt } from './bucket-horizons.js';
import { BucketStore, decodedInSteps } from './bucket-store.js';
import { type Granularity, HOUR_MS, bucketStart } from './bucket-time.js';
import { type BucketJson, type KpiBucket } from './buckets.js';
import { caseContributions } from './case-contributions.js';
import { type CaseFacts, emptyCaseFacts, foldCaseEvent, isCaseEventType } from './case-facts.js';
import { type ContributionSink, applyContributionChange } from './contribution-diff.js';
import { ALL_FAMILIES, FAMILY, type FamilySet, familiesChangedBy } from './contribution-families.js';
import { NO_CONTRIBUTIONS } from './contributions.js';
import { type ContributionOptions, declarationContributions } from './declaration-contributions.js';
import { type DeclarationFacts, emptyDeclarationFacts } from './declaration-facts.js';
import { type KpiEngineEvent, type TypedEngineEvent, asTypedEvent } from './engine-event.js';
import { type KpiEngineSnapshot } from './engine-snapshot.js';
import { caseFactsFromJson, caseFactsToJson, declarationFactsFromJson, declarationFactsToJson } from './facts-json.js';
import { foldDeclarationEvent } from './fold-declaration-event.js';
import { type HeldSubjectsPolicy, recentSince, subjectsToLetGo } from './held-subjects.js';
import { latestCaseEventAt, latestDeclarationEventAt } from './latest-event-at.js';
import { IngestLagObservation } from './ingest-lag.js';
import { type KpiChanges, changesInSteps } from './kpi-changes.js';
import { type CurrentKpiValue, KpiQueries, type SeriesPoint } from './kpi-queries.js';
import { type LineReading } from './line-reading.js';
import { type MeasureId, isMeasureId, isReportOnly } from './measures.js';
import { type KpiValue } from './kpi-readers.js';
import { instantOf } from './query-arguments.js';
import { type Observation } from './observation.js';
import { QualityCounters, type QualityCountersJson } from './quality-counters.js';
import { type KpiFilters } from './slices.js';
import { type Steps, allSteps } from './steps.js';
import { SubjectState } from './subject-state.js';
import { LastUtcMillis, utcMillis } from './utc-millis.js';
import { trsReleaseOf } from './trs-release.js';

/** Options of a {@link KpiEngine}. */
export interface KpiEngineOptions {
  /**
   * `RELEASE_TARGET_HOURS`: the release time `released_within_target_rate` counts as within target (<=).
   * @defaultValue 24
   */
  readonly releaseTargetHours?: number;
  /**
   * Whether it keeps the report-only measures (measures.ts: the TRS report's daily aggregates). An engine that leaves
   * them out folds nothing into them, holds none of their stored buckets, refuses to read them and cannot be drained
   * into a read model: an `asOf` answer that reads no report replays a released declaration with about half the
   * observations (README, "asOf").
   * @defaultValue true
   */
  readonly reportMeasures?: boolean;
}

/** The declarations and cases a bounded engine is given back from the read model (`KpiEngine.adopt`). */
export type StoredSubjectStates = Pick<KpiEngineSnapshot, 'declarations' | 'cases'>;

/** The subjects of some events that a bounded engine does not hold: to be read back from the read model, if stored. */
export interface SubjectsToLoad {
  readonly declarations: readonly string[];
  readonly cases: readonly string[];
}

/** What an engine holds in memory and, when bounded, how its cache fares (`/metrics`). */
export interface HeldSubjectsFigures {
  readonly declarations: number;
  readonly cases: number;
  readonly buckets: number;
  /** Events of a subject held in memory. */
  readonly hits: number;
  /** Subjects of events that were not held, asked of the read model. */
  readonly misses: number;
  /** Of those, the ones the read model had, put back in memory. */
  readonly loads: number;
  /** Subjects let go of, to the read model. */
  readonly letGo: number;
  /** Buckets before the horizons read back from the read model for late events. */
  readonly bucketsReadBack: number;
  /** Buckets let go of, to the read model. */
  readonly bucketsLetGo: number;
}

/** Bucket rows read back from the read model, decoded: what {@link KpiEngine.adoptReadBackInSteps} holds. */
export interface ReadBackBuckets {
  readonly buckets: readonly KpiBucket[];
}

/** The target of `released_within_target_rate` unless configured (kpis.md). */
export const DEFAULT_RELEASE_TARGET_HOURS = 24;

/** A writer's rows decoded for {@link KpiEngine.mirrorDecoded}. */
export interface MirroredRows {
  readonly declarations: readonly { readonly json: KpiEngineSnapshot['declarations'][number]; readonly facts: DeclarationFacts }[];
  readonly cases: readonly { readonly json: KpiEngineSnapshot['cases'][number]; readonly facts: CaseFacts }[];
  readonly buckets: readonly KpiBucket[];
  readonly horizons: BucketHorizons | null;
  readonly quality: QualityCounters;
}

const CLEARANCE_TYPES: ReadonlySet<string> = new Set(CLEARANCE_EVENT_TYPES);

/**
 * The pure KPI engine (kpis.md): folds stored events into declaration facts and enforcement cases, keeps what they
 * contribute in hourly and daily buckets per slice, and answers series and current values. Every value is a
 * function of the set of events applied (order, duplicates and restores from a snapshot do not change it), except
 * `ingest_lag_p95`. No I/O: a projector feeds it and persists {@link KpiEngine.drainDirty}.
 *
 * Only facts are kept per subject. An event's effect is the difference between what the facts contribute before
 * and after it is folded in, computed for the families of observations it can change (contribution-families.ts).
 */
export class KpiEngine {
  private readonly declarations = new Map<string, SubjectState<DeclarationFacts>>();
  private readonly cases = new Map<string, SubjectState<CaseFacts>>();
  private readonly store = new BucketStore();
  private readonly backlogMoments = new BacklogMoments();
  private readonly ingestLag = new IngestLagObservation();
  private readonly recordedAtMillis = new LastUtcMillis();
  private quality = new QualityCounters();
  private dirtyDeclarations: SubjectState<DeclarationFacts>[] = [];
  private dirtyCases: SubjectState<CaseFacts>[] = [];
  private readonly contributionOptions: ContributionOptions;
  /** The families of observations it folds: all, or all but the report-only measures' (`reportMeasures`). */
  private readonly families: FamilySet;
  private readonly queries: KpiQueries;
  /** Set by {@link KpiEngine.boundHeldSubjects}; null for an engine that holds every subject (replays, tests). */
  private bound: { readonly policy: HeldSubjectsPolicy; mayHoldCold: boolean } | null = null;
  /** Set by {@link KpiEngine.boundHeldBuckets}; null for an engine that lets no bucket go of its own accord. */
  private bucketsPolicy: HeldBucketsPolicy | null = null;
  private newestEventAt = Number.NEGATIVE_INFINITY;
  /** Events applied to subjects, as the clock of {@link SubjectState.touchedAt}. */
  private subjectEvents = 0;
  private readonly heldCounts = { hits: 0, misses: 0, loads: 0, letGo: 0, bucketsReadBack: 0, bucketsLetGo: 0 };
  private readonly sink: ContributionSink = {
    applyObservation: (subject, observation, sign) => this.applyObservation(subject, observation, sign),
    applyNegatives: (kpiIds, sign) => this.quality.add(kpiIds, sign),
  };

  constructor(options: KpiEngineOptions = {}) {
    const targetHours = options.releaseTargetHours ?? DEFAULT_RELEASE_TARGET_HOURS;
    if (!(targetHours >= 0)) throw new RangeError(`releaseTargetHours must be >= 0, got ${targetHours}`);
    this.contributionOptions = { releaseTargetMs: targetHours * HOUR_MS };
    this.families = options.reportMeasures === false ? ALL_FAMILIES & ~FAMILY.trs : ALL_FAMILIES;
    this.queries = new KpiQueries(this.store, (hourStart, before, slice) =>
      this.partialHourBacklog(hourStart, before, slice),
    );
  }

  /** Applies one stored event; events of types no KPI reads (the system's own) are ignored. */
  apply(event: KpiEngineEvent): void {
    const typed = asTypedEvent(event);
    if (typed === null) return;
    const at = utcMillis(typed.time);
    if (at > this.newestEventAt) this.newestEventAt = at;
    let officeId: string | null;
    if (CLEARANCE_TYPES.has(typed.type)) {
      officeId = this.applyToDeclaration(typed, at);
    } else {
      if (isCaseEventType(typed.type)) this.applyToCase(typed, at);
      officeId = typeof event.data['officeId'] === 'string' ? event.data['officeId'] : null;
    }
    this.applyIngestLag(at, this.recordedAtMillis.of(typed.recordedAt), officeId);
  }

  /** Applies events in the order given. */
  applyAll(events: Iterable<KpiEngineEvent>): void {
    for (const event of events) this.apply(event);
  }

  /**
   * A KPI over each bucket of [from, to) (bucket starts, RFC 3339). Over an empty bucket: 0 for a count or sum, `null`
   * for a mean, share, ratio or percentile; `backlog` is the backlog at each bucket's end.
   * @param cold - for a range before the buckets a bounded engine holds, the rows `ColdBucketsNeededError` asked for.
   * @throws KpiQueryError for a filter the KPI does not slice by, or a range off bucket boundaries.
   * @throws ColdBucketsNeededError for a range before the buckets held, asked without `cold`.
   */
  series(kpiId: KpiId, granularity: Granularity, from: string, to: string, filters: KpiFilters = {}, cold?: readonly BucketJson[]): SeriesPoint[] {
    return this.queries.series(kpiId, granularity, from, to, filters, cold);
  }

  /**
   * A KPI over the 24 hourly buckets ending with the hour holding `now`; `backlog` at `now` itself.
   * @throws KpiQueryError for a filter the KPI does not slice by, or an unreadable `now`.
   * @throws ColdBucketsNeededError for a window before the buckets held, asked without `cold` (see `series`).
   */
  current(kpiId: KpiId, now: string, filters: KpiFilters = {}, cold?: readonly BucketJson[]): CurrentKpiValue {
    return this.queries.current(kpiId, now, filters, cold);
  }

  /**
   * A KPI over the UTC days [from, to) (day starts, RFC 3339) as one value, merged exactly; `backlog` at `to`.
   * @throws KpiQueryError for a filter the KPI does not slice by, or a range off day boundaries.
   * @throws ColdBucketsNeededError for days before the buckets held, asked without `cold` (see `series`).
   */
  overDays(kpiId: KpiId, from: string, to: string, filters: KpiFilters = {}, cold?: readonly BucketJson[]): KpiValue {
    return this.queries.overDays(kpiId, from, to, filters, cold);
  }

  /** {@link KpiQueries.measureDays}: one measure's daily buckets of a slice, for the TRS report. */
  measureDays(measure: MeasureId, slice: string, from: number, to: number, cold?: readonly BucketJson[]): LineReading {
    if (isReportOnly(measure) && !this.keepsReportMeasures) throw new Error(`this KPI engine leaves out the report measures, so it cannot read ${measure}`);
    return this.queries.measureDays(measure, slice, from, to, cold);
  }

  /**
   * Every office an applied event named (any KPI, any time), in id order: what the read model can be asked about by
   * office (`GET /api/kpis/current/offices`), since office ids are not a closed list.
   */
  offices(): string[] {
    return [...this.store.sliceValues('office')].sort();
  }

  /** Whether it keeps the report-only measures (`KpiEngineOptions.reportMeasures`). */
  get keepsReportMeasures(): boolean {
    return (this.families & FAMILY.trs) !== 0;
  }

  /** `RELEASE_TARGET_HOURS`, which `released_within_target_rate` and the TRS report count within. */
  get releaseTargetHours(): number {
    return this.contributionOptions.releaseTargetMs / HOUR_MS;
  }

  /**
   * Every declaration held, with its facts, in no particular order: the TRS report's scan reads its population through
   * this one method, and keeps those released in its period itself, so that it can give the event loop turns between
   * any two declarations, not only between two it keeps.
   */
  heldDeclarations(): IterableIterator<{ readonly subject: string; readonly facts: Readonly<DeclarationFacts> }> {
    return this.declarations.values();
  }

  /** Negative durations left out, per KPI (`GET /api/quality`). */
  qualityCounters(): QualityCountersJson {
    return this.quality.toJSON();
  }

  /** A declaration's facts (`GET /api/declarations/:id`); `undefined` when no event of it was applied. */
  declarationFacts(subject: string): Readonly<DeclarationFacts> | undefined {
    return this.declarations.get(subject)?.facts;
  }

  /**
   * Keeps only hot subjects from now on (held-subjects.ts): {@link KpiEngine.letGoOfColdSubjects} drops the others,
   * and {@link KpiEngine.subjectsToLoad} names those an event needs back. An engine restored from a read model's hot
   * selection may lack stored subjects from the start: `restoredPartially`.
   */
  boundHeldSubjects(policy: HeldSubjectsPolicy, { restoredPartially }: { readonly restoredPartially: boolean }): void {
    this.bound = { policy, mayHoldCold: restoredPartially };
  }

  /**
   * The subjects of `events` this engine does not hold but the read model may: each must be put back with
   * {@link KpiEngine.adopt}, if stored, before the events are applied, or their KPIs would start from empty facts.
   * `null` when there are none, or when the engine never let a stored subject go.
   */
  subjectsToLoad(events: Iterable<KpiEngineEvent>): SubjectsToLoad | null {
    if (this.bound === null) return null;
    const declarations = new Set<string>();
    const cases = new Set<string>();
    for (const { type, subject } of events) {
      const clearance = CLEARANCE_TYPES.has(type);
      if (!clearance && !isCaseEventType(type)) continue;
      if ((clearance ? this.declarations : this.cases).has(subject)) this.heldCounts.hits += 1;
      else (clearance ? declarations : cases).add(subject);
    }
    if (!this.bound.mayHoldCold || declarations.size + cases.size === 0) return null;
    this.heldCounts.misses += declarations.size + cases.size;
    return { declarations: [...declarations], cases: [...cases] };
  }

  /** Puts back subjects read from the read model; one already held is left as it is (memory is never behind). */
  adopt(stored: StoredSubjectStates): void {
    for (const json of stored.declarations) {
      if (this.declarations.has(json.subject)) continue;
      this.holdDeclaration(json);
      this.heldCounts.loads += 1;
    }
    for (const json of stored.cases) {
      if (this.cases.has(json.subject)) continue;
      this.holdCase(json);
      this.heldCounts.loads += 1;
    }
  }

  /**
   * Drops the subjects the policy lets go of (held-subjects.ts): only persisted ones, so the read model has them.
   * Call it after a commit, once whatever reads the committed batch's facts (the alert rules) has read them.
   * @param nowMs - subjects with an event in the two hours before `now`'s hour stay, for `current`'s backlog at now.
   * @returns how many were let go of; 0 for an engine that is not bounded.
   */
  letGoOfColdSubjects(nowMs: number): number {
    if (this.bound === null) return 0;
    const recent = recentSince(nowMs);
    const { policy } = this.bound;
    const declarations = subjectsToLetGo(
      Array.from(this.declarations.values(), (state) => ({ state, open: isOpen(state.facts) })),
      policy,
      this.newestEventAt,
      recent,
    );
    for (const state of declarations) {
      for (const observation of this.backlogObservations(state.facts)) this.trackBacklog(state.subject, observation, -1);
      this.declarations.delete(state.subject);
    }
    const cases = subjectsToLetGo(Array.from(this.cases.values(), (state) => ({ state, open: true })), policy, this.newestEventAt, recent);
    for (const state of cases) this.cases.delete(state.subject);
    const letGo = declarations.length + cases.length;
    if (letGo > 0) this.bound.mayHoldCold = true;
    this.heldCounts.letGo += letGo;
    return letGo;
  }

  /**
   * Keeps only the buckets of the live windows from now on (bucket-horizons.ts): {@link KpiEngine.letGoOfColdBuckets}
   * drops the others, and a late event's buckets before the horizon wait for {@link KpiEngine.adoptColdBuckets}.
   */
  boundHeldBuckets(policy: HeldBucketsPolicy): void {
    this.bucketsPolicy = policy;
  }

  /**
   * Drops the persisted buckets before the policy's horizons at `referenceMs` (the newest instant live work reads
   * at). Call it after a commit, as {@link KpiEngine.letGoOfColdSubjects}.
   * @returns how many buckets were let go of; 0 for an engine whose buckets are not bounded.
   */
  letGoOfColdBuckets(referenceMs: number): number {
    return allSteps(this.letGoOfColdBucketsInSteps(referenceMs));
  }

  /** {@link KpiEngine.letGoOfColdBuckets} in steps (a line of buckets per step), for a caller that gives turns. */
  *letGoOfColdBucketsInSteps(referenceMs: number): Steps<number> {
    if (this.bucketsPolicy === null) return 0;
    const { hour, day } = horizonsAt(referenceMs, this.bucketsPolicy);
    const letGo = yield* this.store.letGoBeforeInSteps(hour, day);
    this.heldCounts.bucketsLetGo += letGo;
    return letGo;
  }

  /**
   * The keys of the buckets that the events applied since the last call reach before the hour horizon and that are not
   * held: to read back from the read model and hand to {@link KpiEngine.adoptColdBuckets} before the next drain.
   * Empty for an engine holding every bucket.
   */
  coldBucketKeys(): string[] {
    return this.store.coldBucketKeys();
  }

  /** {@link KpiEngine.coldBucketKeys} in steps (a late observation per step), for a caller that gives turns. */
  coldBucketKeysInSteps(): Steps<string[]> {
    return this.store.coldBucketKeysInSteps();
  }

  /** Whether late events wait for {@link KpiEngine.adoptColdBuckets} (their buckets may all be held already). */
  get awaitsColdBuckets(): boolean {
    return this.store.awaitsColdBuckets;
  }

  /** Holds the buckets read back for {@link KpiEngine.coldBucketKeys} and applies what waited for them. @throws MalformedBucketJsonError */
  adoptColdBuckets(stored: readonly BucketJson[]): void {
    allSteps(this.adoptReadBackInSteps(allSteps(KpiEngine.readBackInSteps(stored))));
  }

  /**
   * Rows read back for {@link KpiEngine.coldBucketKeys}, decoded a row per step, changing no engine: the costly part
   * of {@link KpiEngine.adoptColdBuckets}, for a caller that gives turns before adopting them.
   * @throws MalformedBucketJsonError
   */
  static *readBackInSteps(stored: readonly BucketJson[]): Steps<ReadBackBuckets> {
    return { buckets: yield* decodedInSteps(stored) };
  }

  /**
   * {@link KpiEngine.adoptColdBuckets} of rows decoded by {@link KpiEngine.readBackInSteps}, a bucket held, or a waiting
   * observation applied, per step, for a caller that gives turns. Each step changes what the engine answers, as an
   * event applied does: a caller whose readers span turns waits for them after each turn (cold-read-back.ts).
   */
  *adoptReadBackInSteps(readBack: ReadBackBuckets): Steps<void> {
    const adopted = yield* this.store.adoptDecodedInSteps(readBack.buckets);
    this.heldCounts.bucketsReadBack += adopted;
  }

  /**
   * Takes what a writer's commits stored after the state this engine holds (`MirroredKpiReadModel.changesSince`), in
   * place of applying their events: for a mirror (kpi-mirror.ts), whose engine applies none. The subjects and buckets
   * written replace those held, the backlog moments moving with a declaration's facts; the quality counters and the
   * bucket horizons (their carry and named slices) are the writer's, and a bucket before them is let go of, or not
   * taken (a query reads it from the read model). A subject written is held, as the latest touched of the closed
   * cache, until the held-subjects policy lets it go.
   * @throws MalformedFactsJsonError, MalformedBucketJsonError, MalformedSketchJsonError; the engine is then unchanged
   */
  mirror(changes: KpiEngineSnapshot): void {
    this.mirrorDecoded(allSteps(KpiEngine.decodeMirroredInSteps(changes)));
    allSteps(this.letGoOfBucketsBeforeHorizonsInSteps());
  }

  /**
   * The rows of {@link KpiEngine.mirror} decoded, a row per step, changing no engine: the costly part, for a caller
   * that gives the event loop turns before mirroring them in one stretch.
   * @throws MalformedFactsJsonError, MalformedBucketJsonError, MalformedSketchJsonError
   */
  static *decodeMirroredInSteps(changes: KpiEngineSnapshot): Steps<MirroredRows> {
    const declarations: MirroredRows['declarations'][number][] = [];
    for (const json of changes.declarations) {
      declarations.push({ json, facts: declarationFactsFromJson(json.facts) });
      yield;
    }
    const cases: MirroredRows['cases'][number][] = [];
    for (const json of changes.cases) {
      cases.push({ json, facts: caseFactsFromJson(json.facts) });
      yield;
    }
    const horizons = changes.bucketHorizons === undefined || changes.bucketHorizons === null ? null : BucketHorizons.fromJSON(changes.bucketHorizons);
    // A bucket before the horizons is not taken (a query reads it from the read model): not decoded either. None is
    // held there unless the horizons moved, and then the move lets go of it.
    const taken = horizons === null ? changes.buckets : changes.buckets.filter((json) => !isBefore(json, horizons));
    return { declarations, cases, buckets: yield* decodedInSteps(taken), horizons, quality: QualityCounters.fromJSON(changes.quality) };
  }

  /**
   * Lets go of the buckets before the horizons a mirror moved, a line of buckets per step, for a caller that gives
   * turns; {@link KpiEngine.mirror} does it in one stretch.
   * @returns how many buckets were let go of.
   */
  *letGoOfBucketsBeforeHorizonsInSteps(): Steps<number> {
    const letGo = yield* this.store.letGoBeforeHorizonsInSteps();
    this.heldCounts.bucketsLetGo += letGo;
    return letGo;
  }

  /**
   * {@link KpiEngine.mirror} of rows decoded by {@link KpiEngine.decodeMirroredInSteps}; the buckets before horizons it
   * moved are then let go of with {@link KpiEngine.letGoOfBucketsBeforeHorizonsInSteps}.
   */
  mirrorDecoded(rows: MirroredRows): void {
    if (this.store.appliesObservations) throw new Error('a KPI engine that applies events cannot mirror');
    // The rows it holds without hot keys are listed to be written with them, which is the writer's work: a mirror
    // writes nothing.
    for (const state of [...this.dirtyDeclarations, ...this.dirtyCases]) state.drained();
    this.dirtyDeclarations = [];
    this.dirtyCases = [];
    const buckets = this.keepsReportMeasures ? rows.buckets : rows.buckets.filter((bucket) => !isReportOnly(bucket.measure));
    this.heldCounts.bucketsLetGo += this.store.mirror(rows.horizons, buckets);
    this.quality = rows.quality;
    for (const { json, facts } of rows.declarations) {
      const held = this.declarations.get(json.subject);
      if (held !== undefined) for (const observation of this.backlogObservations(held.facts)) this.trackBacklog(held.subject, observation, -1);
      this.mirrored(this.holdDeclaration(json, facts));
    }
    for (const { json, facts } of rows.cases) this.mirrored(this.holdCase(json, facts));
    for (const state of [...this.dirtyDeclarations, ...this.dirtyCases]) state.drained();
    this.dirtyDeclarations = [];
    this.dirtyCases = [];
  }

  /** A subject a mirror took: the latest touched, and its events' times the newest the engine knows of. */
  private mirrored(state: SubjectState<unknown>): void {
    this.subjectEvents += 1;
    state.touchedAt = this.subjectEvents;
    if (state.lastEventAt > this.newestEventAt) this.newestEventAt = state.lastEventAt;
  }

  /** How many subjects and buckets are held, and how the cache fared since the engine was made. */
  heldSubjects(): HeldSubjectsFigures {
    return { declarations: this.declarations.size, cases: this.cases.size, buckets: this.store.size, ...this.heldCounts };
  }

  /**
   * Applies the bucket changes of the events applied since the last read, a group of buckets per step. The engine
   * applies them when it is next read; after a long replay (`asOf`) that first read would do it in one stretch.
   */
  settleInSteps(): Steps<void> {
    return this.store.flushInSteps();
  }

  /**
   * The buckets, and the current values, that changed since the last call: for live push and alert rules.
   * @param now - when given, only current values whose window holds a changed bucket are reported.
   */
  drainChanges(now?: string): KpiChanges {
    return allSteps(this.drainChangesInSteps(now));
  }

  /**
   * {@link KpiEngine.drainChanges} in steps (a group of buckets flushed, or one bucket's changes, per step), for a
   * caller that gives the event loop turns between steps. Apply no event until the last step.
   */
  *drainChangesInSteps(now?: string): Steps<KpiChanges> {
    const nowMs = now === undefined ? undefined : instantOf(now, 'now');
    return yield* changesInSteps(yield* this.store.drainChangedInSteps(), nowMs);
  }

  /** The declarations, cases and buckets changed since the last call, and the quality counters: what to persist. */
  drainDirty(): KpiEngineSnapshot {
    return allSteps(this.drainDirtyInSteps());
  }

  /**
   * {@link KpiEngine.drainDirty} in steps, for a caller that gives the event loop turns between steps: a catch-up
   * commit drains tens of thousands of declarations and buckets. A step flushes one group of buckets, or turns one
   * declaration, case or bucket into JSON. The dirty declarations and cases are taken, and marked clean, at the first
   * step, the buckets once their groups are flushed; apply no event until the last step, or the JSON would run ahead
   * of the drain.
   */
  *drainDirtyInSteps(): Steps<KpiEngineSnapshot> {
    // A read model it wrote would lack the report's aggregates from then on, and nothing would tell.
    if (!this.keepsReportMeasures) throw new Error('a KPI engine that leaves out the report measures cannot be drained into a read model');
    // Drained without them, the checkpoint would pass events whose bucket changes are nowhere but in memory.
    if (this.store.awaitsColdBuckets) throw new Error('the KPI engine cannot be drained before the cold buckets of its late events are adopted');
    const dirtyDeclarations = this.dirtyDeclarations;
    const dirtyCases = this.dirtyCases;
    this.dirtyDeclarations = [];
    this.dirtyCases = [];
    for (const state of dirtyDeclarations) state.drained();
    for (const state of dirtyCases) state.drained();
    const dirtyBuckets = yield* this.store.drainDirtyInSteps();
    const quality = this.quality.toJSON();
    const declarations: KpiEngineSnapshot['declarations'][number][] = [];
    for (const state of dirtyDeclarations) {
      declarations.push(declarationJson(state));
      yield;
    }
    const cases: KpiEngineSnapshot['cases'][number][] = [];
    for (const state of dirtyCases) {
      cases.push(caseJson(state));
      yield;
    }
    const buckets: BucketJson[] = [];
    for (const bucket of dirtyBuckets) {
      buckets.push(bucket.toJSON());
      yield;
    }
    return { declarations, cases, buckets, quality, ...this.bucketHorizons() };
  }

  /** The store's horizons, for a snapshot: none while every bucket is held. */
  private bucketHorizons(): Pick<KpiEngineSnapshot, 'bucketHorizons'> {
    const horizons = this.store.heldFrom;
    return horizons === null ? {} : { bucketHorizons: horizons.toJSON() };
  }

  /** The whole state, from which {@link KpiEngine.fromJSON} restores an equivalent engine. */
  toJSON(): KpiEngineSnapshot {
    return {
      declarations: Array.from(this.declarations.values(), declarationJson),
      cases: Array.from(this.cases.values(), caseJson),
      buckets: [...this.store.all()].map((bucket) => bucket.toJSON()),
      quality: this.quality.toJSON(),
      ...this.bucketHorizons(),
    };
  }

  /**
   * An engine restored from {@link KpiEngine.toJSON} (or a read model's equivalent). Buckets and quality counters are
   * taken as stored; the backlog moments are recomputed from the declarations' facts.
   * @throws MalformedFactsJsonError, MalformedBucketJsonError, MalformedSketchJsonError
   */
  static fromJSON(snapshot: KpiEngineSnapshot, options: KpiEngineOptions = {}): KpiEngine {
    const engine = new KpiEngine(options);
    if (snapshot.bucketHorizons !== undefined && snapshot.bucketHorizons !== null) engine.store.holdFrom(BucketHorizons.fromJSON(snapshot.bucketHorizons));
    engine.quality = QualityCounters.fromJSON(snapshot.quality);
    allSteps(engine.holdStoredInSteps(snapshot));
    return engine;
  }

  /**
   * Holds the stored rows of a state, as {@link KpiEngine.fromJSON} does, a row per step: for an engine made from the
   * state's horizons and quality counters alone, by a caller that gives the event loop turns (an `asOf` answer).
   * @throws MalformedFactsJsonError, MalformedBucketJsonError, MalformedSketchJsonError
   */
  *holdStoredInSteps(rows: Pick<KpiEngineSnapshot, 'declarations' | 'cases' | 'buckets'>): Steps<void> {
    for (const json of rows.buckets) {
      if (this.keepsReportMeasures || !(isMeasureId(json.measure) && isReportOnly(json.measure))) this.store.restoreJson(json);
      yield;
    }
    for (const json of rows.declarations) {
      this.holdDeclaration(json);
      yield;
    }
    for (const json of rows.cases) {
      this.holdCase(json);
      yield;
    }
    for (const state of [...this.declarations.values(), ...this.cases.values()]) {
      if (state.lastEventAt > this.newestEventAt) this.newestEventAt = state.lastEventAt;
    }
  }

  /**
   * Holds a stored declaration, with its backlog moments. A row stored before hot keys existed is listed as dirty, so
   * that the next commit writes its keys: without them it would be loaded as hot, and read for every TRS period, at
   * every start (the read models' selections take a row without keys for hot).
   */
  private holdDeclaration(json: KpiEngineSnapshot['declarations'][number], facts = declarationFactsFromJson(json.facts)): SubjectState<DeclarationFacts> {
    const state = new SubjectState(json.subject, facts, lastEventAtOf(json, facts, latestDeclarationEventAt));
    this.declarations.set(json.subject, state);
    for (const observation of this.backlogObservations(facts)) this.trackBacklog(json.subject, observation, 1);
    if (json.hot === undefined && state.touch()) this.dirtyDeclarations.push(state);
    return state;
  }

  /** Holds a stored case; one stored without hot keys is listed as dirty, as a declaration is. */
  private holdCase(json: KpiEngineSnapshot['cases'][number], facts = caseFactsFromJson(json.facts)): SubjectState<CaseFacts> {
    const state = new SubjectState(json.subject, facts, lastEventAtOf(json, facts, latestCaseEventAt));
    this.cases.set(json.subject, state);
    if (json.hot === undefined && state.touch()) this.dirtyCases.push(state);
    return state;
  }

  /** @returns the declaration's office as now known, for the event's ingest lag. */
  private applyToDeclaration(event: TypedEngineEvent, at: number): string | null {
    let state = this.declarations.get(event.subject);
    if (state === undefined) {
      state = new SubjectState(event.subject, emptyDeclarationFacts());
      this.declarations.set(event.subject, state);
    }
    const { facts } = state;
    const options = this.contributionOptions;
    const families = familiesChangedBy(event.type, facts) & this.families;
    const before = families === 0 ? NO_CONTRIBUTIONS : declarationContributions(facts, options, families);
    const changed = foldDeclarationEvent(facts, event, at);
    if (changed) {
      const after = families === 0 ? NO_CONTRIBUTIONS : declarationContributions(facts, options, families);
      applyContributionChange(event.subject, before, after, this.sink);
    }
    if ((this.stampSubject(state, at) || changed) && state.touch()) this.dirtyDeclarations.push(state);
    return facts.lodged?.officeId ?? facts.arrived?.officeId ?? null;
  }

  private applyToCase(event: TypedEngineEvent, at: number): void {
    let state = this.cases.get(event.subject);
    if (state === undefined) {
      state = new SubjectState(event.subject, emptyCaseFacts());
      this.cases.set(event.subject, state);
    }
    const before = caseContributions(state.facts);
    const changed = foldCaseEvent(state.facts, event, at);
    if (changed) applyContributionChange(event.subject, before, caseContributions(state.facts), this.sink);
    if ((this.stampSubject(state, at) || changed) && state.touch()) this.dirtyCases.push(state);
  }

  /** Records an event of the subject for the held-subjects policy. @returns whether its latest event time moved. */
  private stampSubject(state: SubjectState<unknown>, at: number): boolean {
    this.subjectEvents += 1;
    state.touchedAt = this.subjectEvents;
    if (at <= state.lastEventAt) return false;
    state.lastEventAt = at;
    return true;
  }

  private applyIngestLag(timeMs: number, recordedAtMs: number, officeId: string | null): void {
    if (this.ingestLag.set(timeMs, recordedAtMs, officeId)) this.store.apply(this.ingestLag, 1);
    else this.quality.add(['ingest_lag_p95'], 1);
  }

  private applyObservation(subject: string, observation: Observation, sign: 1 | -1): void {
    this.store.apply(observation, sign);
    this.trackBacklog(subject, observation, sign);
  }

  private trackBacklog(subject: string, observation: Observation, sign: 1 | -1): void {
    if (observation.measure !== 'backlog') return;
    const hourStart = bucketStart(observation.at, 'hour');
    if (sign === 1) this.backlogMoments.add(hourStart, subject);
    else this.backlogMoments.remove(hourStart, subject);
  }

  private partialHourBacklog(hourStart: number, before: number, slice: string): number {
    let backlog = 0;
    for (const subject of this.backlogMoments.subjectsIn(hourStart)) {
      const facts = this.declarations.get(subject)?.facts;
      if (facts === undefined) continue;
      for (const observation of this.backlogObservations(facts)) {
        if (observation.at < hourStart || observation.at >= before) continue;
        if (observation.slices.includes(slice)) backlog += observation.values[0] ?? 0;
      }
    }
    return backlog;
  }

  /** A declaration's backlog deltas, as applied to the buckets. */
  private backlogObservations(facts: DeclarationFacts): readonly Observation[] {
    return declarationContributions(facts, this.contributionOptions, FAMILY.backlog).observations;
  }
}

// A held subject's latest event time is always known: set by its first event, or when it was read back.
function declarationJson({ subject, facts, lastEventAt }: SubjectState<DeclarationFacts>): KpiEngineSnapshot['declarations'][number] {
  return { subject, facts: declarationFactsToJson(facts), hot: { lastEventAt, open: isOpen(facts), releasedAt: facts.released?.at ?? null, trs: trsReleaseOf(facts) } };
}

function caseJson({ subject, facts, lastEventAt }: SubjectState<CaseFacts>): KpiEngineSnapshot['cases'][number] {
  return { subject, facts: caseFactsToJson(facts), hot: { lastEventAt } };
}

/** Neither released nor cancelled: the declaration awaits its closing event. */
function isOpen(facts: DeclarationFacts): boolean {
  return facts.released === null && facts.cancelled === null;
}

/** A stored subject's latest event time: as stored with it, or, for a row from before hot keys, from its facts. */
function lastEventAtOf<F>(json: { readonly hot?: { readonly lastEventAt: number } }, facts: F, fromFacts: (facts: F) => number): number {
  if (json.hot !== undefined) return json.hot.lastEventAt;
  // Facts that tell no time (a rejection alone) count from the epoch: such a subject is let go of at the first pass.
  const latest = fromFacts(facts);
  return Number.isFinite(latest) ? latest : 0;
}

/** Whether a stored bucket starts before the horizon of its granularity and measure. */
function isBefore(json: BucketJson, horizons: BucketHorizons): boolean {
  return isMeasureId(json.measure) && Date.parse(json.start) < horizons.of(json.granularity, json.measure);
}
