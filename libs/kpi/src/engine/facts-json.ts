import { type CaseFacts, type AuditFact, type SeizureFact } from './case-facts.js';
import {
  type ArrivalFact,
  type DeclarationFacts,
  type DutyFact,
  type LaneFact,
  type LodgementFact,
  type RerouteFact,
} from './declaration-facts.js';
import { type EventStamp } from './event-stamp.js';
import { type TrsRelease } from './trs-release.js';
import { type StampedJson, optionalFromJson, optionalToJson, stampedFromJson, stampedToJson } from './stamped-json.js';

/** The persisted form of a declaration's facts: {@link DeclarationFacts} with each stamp's `at` as `time`. */
export interface DeclarationFactsJson {
  readonly arrived: StampedJson<ArrivalFact> | null;
  readonly lodged: StampedJson<LodgementFact> | null;
  readonly laneAssigned: StampedJson<LaneFact> | null;
  readonly lastReroute: StampedJson<RerouteFact> | null;
  readonly downgraded: boolean;
  readonly examStarted: StampedJson<EventStamp> | null;
  readonly examCompleted: StampedJson<EventStamp> | null;
  readonly hit: boolean;
  readonly rejected: boolean;
  readonly released: StampedJson<EventStamp> | null;
  readonly cancelled: StampedJson<EventStamp> | null;
  readonly duties: readonly StampedJson<DutyFact>[];
}

/** One declaration as persisted, under its subject. */
export interface DeclarationStateJson {
  readonly subject: string;
  readonly facts: DeclarationFactsJson;
  /**
   * What decides whether the declaration is hot (kept in memory), beside the facts so that a read model can select
   * the hot rows, and the TRS report's population, without parsing every row. Absent from rows written before
   * hot state existed: a read model treats such a row as hot.
   */
  readonly hot?: DeclarationHotKeys;
}

/** See {@link DeclarationStateJson.hot}. Times in epoch milliseconds. */
export interface DeclarationHotKeys {
  /** The latest event time applied to the declaration. */
  readonly lastEventAt: number;
  /** Neither released nor cancelled. */
  readonly open: boolean;
  /** `releasedAt`; `null` while unreleased. */
  readonly releasedAt: number | null;
  /**
   * Its release time and filter attributes while it is in the TRS report's population, else `null`: what the read
   * model indexes for the report's longest releases (trs-release.ts).
   */
  readonly trs: TrsRelease | null;
}

/** The persisted form of an enforcement case's facts. */
export interface CaseFactsJson {
  readonly seizures: readonly StampedJson<SeizureFact>[];
  readonly audits: readonly StampedJson<AuditFact>[];
}

/** One enforcement case as persisted, under its subject. */
export interface CaseStateJson {
  readonly subject: string;
  readonly facts: CaseFactsJson;
  /** As {@link DeclarationStateJson.hot}: a case has no closing event, so only its latest event time counts. */
  readonly hot?: { readonly lastEventAt: number };
}

/** The persisted form of a declaration's facts. */
export function declarationFactsToJson(facts: DeclarationFacts): DeclarationFactsJson {
  return {
    arrived: optionalToJson(facts.arrived),
    lodged: optionalToJson(facts.lodged),
    laneAssigned: optionalToJson(facts.laneAssigned),
    lastReroute: optionalToJson(facts.lastReroute),
    downgraded: facts.downgraded,
    examStarted: optionalToJson(facts.examStarted),
    examCompleted: optionalToJson(facts.examCompleted),
    hit: facts.hit,
    rejected: facts.rejected,
    released: optionalToJson(facts.released),
    cancelled: optionalToJson(facts.cancelled),
    duties: facts.duties.map(stampedToJson),
  };
}

/** A declaration's facts back from {@link declarationFactsToJson}. @throws MalformedFactsJsonError */
export function declarationFactsFromJson(json: DeclarationFactsJson): DeclarationFacts {
  return {
    arrived: optionalFromJson(json.arrived),
    lodged: optionalFromJson(json.lodged),
    laneAssigned: optionalFromJson(json.laneAssigned),
    lastReroute: optionalFromJson(json.lastReroute),
    downgraded: json.downgraded === true,
    examStarted: optionalFromJson(json.examStarted),
    examCompleted: optionalFromJson(json.examCompleted),
    hit: json.hit === true,
    rejected: json.rejected === true,
    released: optionalFromJson(json.released),
    cancelled: optionalFromJson(json.cancelled),
    duties: (json.duties ?? []).map((duty) => stampedFromJson(duty)),
  };
}

/** The persisted form of an enforcement case's facts. */
export function caseFactsToJson(facts: CaseFacts): CaseFactsJson {
  return { seizures: facts.seizures.map(stampedToJson), audits: facts.audits.map(stampedToJson) };
}

/** A case's facts back from {@link caseFactsToJson}. @throws MalformedFactsJsonError */
export function caseFactsFromJson(json: CaseFactsJson): CaseFacts {
  return {
    seizures: (json.seizures ?? []).map((seizure) => stampedFromJson(seizure)),
    audits: (json.audits ?? []).map((audit) => stampedFromJson(audit)),
  };
}
