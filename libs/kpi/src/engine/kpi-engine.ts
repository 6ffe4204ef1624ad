import { CLEARANCE_EVENT_TYPES, type KpiId } from '@customs-pulse/domain';

import { BacklogMoments } from './backlog-moments.js';
import { BucketStore } from './bucket-store.js';
import { type Granularity, HOUR_MS, bucketStart } from './bucket-time.js';
import { KpiBucket } from './buckets.js';
import { caseContributions } from './case-contributions.js';
import { type CaseFacts, emptyCaseFacts, foldCaseEvent, isCaseEventType } from './case-facts.js';
import { type ContributionSink, applyContributionChange } from './contribution-diff.js';
import { type Contributions, NO_CONTRIBUTIONS } from './contributions.js';
import { type ContributionOptions, declarationContributions } from './declaration-contributions.js';
import { type DeclarationFacts, emptyDeclarationFacts } from './declaration-facts.js';
import { type KpiEngineEvent, type TypedEngineEvent, asTypedEvent } from './engine-event.js';
import { type KpiEngineSnapshot } from './engine-snapshot.js';
import { caseFactsFromJson, caseFactsToJson, declarationFactsFromJson, declarationFactsToJson } from './facts-json.js';
import { foldDeclarationEvent } from './fold-declaration-event.js';
import { IngestLagObservation } from './ingest-lag.js';
import { type KpiChanges, changesOf } from './kpi-changes.js';
import { type CurrentKpiValue, KpiQueries, type SeriesPoint } from './kpi-queries.js';
import { instantOf } from './query-arguments.js';
import { type Observation } from './observation.js';
import { QualityCounters, type QualityCountersJson } from './quality-counters.js';
import { type KpiFilters } from './slices.js';
import { utcMillis } from './utc-millis.js';

/** Options of a {@link KpiEngine}. */
export interface KpiEngineOptions {
  /**
   * `RELEASE_TARGET_HOURS`: the release time `released_within_target_rate` counts as within target (<=).
   * @defaultValue 24
   */
  readonly releaseTargetHours?: number;
}

/** The target of `released_within_target_rate` unless configured (kpis.md). */
export const DEFAULT_RELEASE_TARGET_HOURS = 24;

interface SubjectState<F> {
  readonly facts: F;
  /** What `facts` contribute, as last applied to the buckets. */
  contributions: Contributions;
}

const CLEARANCE_TYPES: ReadonlySet<string> = new Set(CLEARANCE_EVENT_TYPES);

/**
 * The pure KPI engine (kpis.md): folds stored events into declaration facts and enforcement cases, keeps what they
 * contribute in hourly and daily buckets per slice, and answers series and current values. Every value is a
 * function of the set of events applied (order, duplicates and restores from a snapshot do not change it), except
 * `ingest_lag_p95`. No I/O: a projector feeds it and persists {@link KpiEngine.drainDirty}.
 */
export class KpiEngine {
  private readonly declarations = new Map<string, SubjectState<DeclarationFacts>>();
  private readonly cases = new Map<string, SubjectState<CaseFacts>>();
  private readonly store = new BucketStore();
  private readonly backlogMoments = new BacklogMoments();
  private readonly ingestLag = new IngestLagObservation();
  private quality = new QualityCounters();
  private dirtyDeclarations = new Set<string>();
  private dirtyCases = new Set<string>();
  private readonly contributionOptions: ContributionOptions;
  private readonly queries: KpiQueries;
  private readonly sink: ContributionSink = {
    applyObservation: (subject, observation, sign) => this.applyObservation(subject, observation, sign),
    applyNegatives: (kpiIds, sign) => this.quality.add(kpiIds, sign),
  };

  constructor(options: KpiEngineOptions = {}) {
    const targetHours = options.releaseTargetHours ?? DEFAULT_RELEASE_TARGET_HOURS;
    if (!(targetHours >= 0)) throw new RangeError(`releaseTargetHours must be >= 0, got ${targetHours}`);
    this.contributionOptions = { releaseTargetMs: targetHours * HOUR_MS };
    this.queries = new KpiQueries(this.store, (hourStart, before, slice) =>
      this.partialHourBacklog(hourStart, before, slice),
    );
  }

  /** Applies one stored event; events of types no KPI reads (the system's own) are ignored. */
  apply(event: KpiEngineEvent): void {
    const typed = asTypedEvent(event);
    if (typed === null) return;
    const at = utcMillis(typed.time);
    let officeId: string | null;
    if (CLEARANCE_TYPES.has(typed.type)) {
      officeId = this.applyToDeclaration(typed, at);
    } else {
      if (isCaseEventType(typed.type)) this.applyToCase(typed, at);
      officeId = typeof event.data['officeId'] === 'string' ? event.data['officeId'] : null;
    }
    this.applyIngestLag(at, utcMillis(typed.recordedAt), officeId);
  }

  /** Applies events in the order given. */
  applyAll(events: Iterable<KpiEngineEvent>): void {
    for (const event of events) this.apply(event);
  }

  /**
   * A KPI over each bucket of [from, to) (bucket starts, RFC 3339). Over an empty bucket: 0 for a count or sum, `null`
   * for a mean, share, ratio or percentile; `backlog` is the backlog at each bucket's end.
   * @throws KpiQueryError for a filter the KPI does not slice by, or a range off bucket boundaries.
   */
  series(kpiId: KpiId, granularity: Granularity, from: string, to: string, filters: KpiFilters = {}): SeriesPoint[] {
    return this.queries.series(kpiId, granularity, from, to, filters);
  }

  /**
   * A KPI over the 24 hourly buckets ending with the hour holding `now`; `backlog` at `now` itself.
   * @throws KpiQueryError for a filter the KPI does not slice by, or an unreadable `now`.
   */
  current(kpiId: KpiId, now: string, filters: KpiFilters = {}): CurrentKpiValue {
    return this.queries.current(kpiId, now, filters);
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
   * The buckets, and the current values, that changed since the last call: for live push and alert rules.
   * @param now - when given, only current values whose window holds a changed bucket are reported.
   */
  drainChanges(now?: string): KpiChanges {
    return changesOf(this.store.drainChanged(), now === undefined ? undefined : instantOf(now, 'now'));
  }

  /** The declarations, cases and buckets changed since the last call, and the quality counters: what to persist. */
  drainDirty(): KpiEngineSnapshot {
    const declarations = [...this.dirtyDeclarations].map((subject) => this.declarationJson(subject));
    const cases = [...this.dirtyCases].map((subject) => this.caseJson(subject));
    this.dirtyDeclarations = new Set();
    this.dirtyCases = new Set();
    const buckets = this.store.drainDirty().map((bucket) => bucket.toJSON());
    return { declarations, cases, buckets, quality: this.quality.toJSON() };
  }

  /** The whole state, from which {@link KpiEngine.fromJSON} restores an equivalent engine. */
  toJSON(): KpiEngineSnapshot {
    return {
      declarations: [...this.declarations.keys()].map((subject) => this.declarationJson(subject)),
      cases: [...this.cases.keys()].map((subject) => this.caseJson(subject)),
      buckets: [...this.store.all()].map((bucket) => bucket.toJSON()),
      quality: this.quality.toJSON(),
    };
  }

  /**
   * An engine restored from {@link KpiEngine.toJSON} (or a read model's equivalent). Buckets and quality counters are
   * taken as stored; each subject's contributions are recomputed from its facts, to diff against when it changes.
   * @throws MalformedFactsJsonError, MalformedBucketJsonError, MalformedSketchJsonError
   */
  static fromJSON(snapshot: KpiEngineSnapshot, options: KpiEngineOptions = {}): KpiEngine {
    const engine = new KpiEngine(options);
    for (const json of snapshot.buckets) engine.store.restore(KpiBucket.fromJSON(json));
    engine.quality = QualityCounters.fromJSON(snapshot.quality);
    for (const { subject, facts: json } of snapshot.declarations) {
      const facts = declarationFactsFromJson(json);
      const contributions = declarationContributions(facts, engine.contributionOptions);
      engine.declarations.set(subject, { facts, contributions });
      for (const observation of contributions.observations) engine.trackBacklog(subject, observation, 1);
    }
    for (const { subject, facts: json } of snapshot.cases) {
      const facts = caseFactsFromJson(json);
      engine.cases.set(subject, { facts, contributions: caseContributions(facts) });
    }
    return engine;
  }

  /** @returns the declaration's office as now known, for the event's ingest lag. */
  private applyToDeclaration(event: TypedEngineEvent, at: number): string | null {
    let state = this.declarations.get(event.subject);
    if (state === undefined) {
      state = { facts: emptyDeclarationFacts(), contributions: NO_CONTRIBUTIONS };
      this.declarations.set(event.subject, state);
    }
    const { facts } = state;
    if (foldDeclarationEvent(facts, event, at)) {
      const after = declarationContributions(facts, this.contributionOptions);
      applyContributionChange(event.subject, state.contributions, after, this.sink);
      state.contributions = after;
      this.dirtyDeclarations.add(event.subject);
    }
    return facts.lodged?.officeId ?? facts.arrived?.officeId ?? null;
  }

  private applyToCase(event: TypedEngineEvent, at: number): void {
    let state = this.cases.get(event.subject);
    if (state === undefined) {
      state = { facts: emptyCaseFacts(), contributions: NO_CONTRIBUTIONS };
      this.cases.set(event.subject, state);
    }
    if (!foldCaseEvent(state.facts, event, at)) return;
    const after = caseContributions(state.facts);
    applyContributionChange(event.subject, state.contributions, after, this.sink);
    state.contributions = after;
    this.dirtyCases.add(event.subject);
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
      const observations = this.declarations.get(subject)?.contributions.observations ?? [];
      for (const observation of observations) {
        if (observation.measure !== 'backlog' || observation.at < hourStart || observation.at >= before) continue;
        if (observation.slices.includes(slice)) backlog += observation.values[0] ?? 0;
      }
    }
    return backlog;
  }

  private declarationJson(subject: string): KpiEngineSnapshot['declarations'][number] {
    return { subject, facts: declarationFactsToJson(this.declarations.get(subject)!.facts) };
  }

  private caseJson(subject: string): KpiEngineSnapshot['cases'][number] {
    return { subject, facts: caseFactsToJson(this.cases.get(subject)!.facts) };
  }
}
