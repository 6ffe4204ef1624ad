import { type BucketAddress } from '../engine/bucket-key.js';
import { type BucketJson } from '../engine/buckets.js';
import { type KpiEngineSnapshot } from '../engine/engine-snapshot.js';
import { type DeclarationStateJson } from '../engine/facts-json.js';
import { type StoredSubjectStates, type SubjectsToLoad } from '../engine/kpi-engine.js';
import { type TrsFilters } from '../engine/trs-release.js';

/** Dependency-injection token for the {@link KpiReadModel} port. */
export const KPI_READ_MODEL = Symbol('KpiReadModel');

/** What a read model holds: the projector's checkpoint and, once anything was committed, the engine's state. */
export interface KpiReadModelState {
  /** Position of the last event whose effect is stored; 0 before the first commit. */
  readonly checkpoint: number;
  /** The engine's state, for `KpiEngine.fromJSON`; `null` before the first commit. */
  readonly snapshot: KpiEngineSnapshot | null;
}

/** One batch's effect, stored together with the checkpoint it brings the projection to. */
export interface KpiReadModelCommit {
  /** The checkpoint the projector last loaded or committed: the compare in compare-and-set. */
  readonly expectedCheckpoint: number;
  /** Position of the batch's last event; greater than `expectedCheckpoint`. */
  readonly checkpoint: number;
  /**
   * `KpiEngine.drainDirty()`: declarations, cases and buckets written over by key, quality counters whole, and the
   * bucket horizons whole when present (`null` clears them; absent leaves them as stored).
   */
  readonly dirty: KpiEngineSnapshot;
  /**
   * Closes the read model's current epoch with this commit (README, "asOf"): the state it brings is kept as it stands
   * for {@link KpiReadModelHistory}, whatever later commits write over it. `lastRecordedAt` is the `recordedAt` of the
   * commit's last event, the time from which an `asOf` question may start from this epoch.
   */
  readonly closesEpoch?: { readonly lastRecordedAt: string };
}

/**
 * Where the KPI projector keeps the engine's state and its checkpoint (architecture.md, guarantee 3). State and
 * checkpoint change in one transaction, and only from the checkpoint the writer expects, so an event's effect is
 * stored exactly once even when a projector crashes or a second one runs by mistake.
 */
export interface KpiReadModel {
  /**
   * The checkpoint and the state stored with it. With `hot`: only the hot declarations and cases, only the buckets at
   * or after the stored bucket horizons (`snapshot.bucketHorizons`, when a bounded engine committed some), and those
   * horizons. Without it: everything, and no horizons (an engine holding every bucket needs no backlog carried).
   */
  load(hot?: HotSelection): Promise<KpiReadModelState>;

  /** Where the subjects and buckets a bounded engine let go of are read back; absent from a mirrored one. */
  readonly cold?: ColdState;

  /** The state as it stood at the end of each closed epoch; absent from a read model that keeps no subjects. */
  readonly history?: KpiReadModelHistory;

  /**
   * Present on a read model another process writes (a gateway's view of the projector's): the projection mirrors its
   * commits (`KpiMirror`) instead of projecting the log, and never commits to it.
   */
  readonly mirrored?: MirroredKpiReadModel;

  /**
   * Writes `dirty` and moves the checkpoint to `checkpoint`, in one transaction.
   * @throws StaleCheckpointError when the stored checkpoint is not `expectedCheckpoint`; nothing is written.
   * @throws RangeError when `checkpoint` is not after `expectedCheckpoint`.
   */
  commit(change: KpiReadModelCommit): Promise<void>;

  /** Releases the connection. */
  close(): Promise<void>;
}

/**
 * What the commits after a checkpoint stored, read in one snapshot: what a mirror takes in place of applying their
 * events (README, "Gateways mirror the projector").
 */
export interface CommittedKpiChanges {
  /** The checkpoint of the snapshot: the last commit whose rows are in `changes`. */
  readonly checkpoint: number;
  /**
   * The declarations, cases and buckets the commits after the checkpoint asked about wrote, whole, as stored now; the
   * quality counters and the bucket horizons as the checkpoint row holds them.
   */
  readonly changes: KpiEngineSnapshot;
}

/**
 * A read model another process writes, followed by the rows its commits store rather than by the log: a distributed
 * gateway mirrors the projector's active generation. What it loads and reads is that writer's committed state.
 */
export interface MirroredKpiReadModel {
  /**
   * {@link KpiReadModel.load} of the writer's active read model, which {@link changesSince} and {@link cold} read from
   * then on.
   * @throws KpiReadModelUnloadableError as {@link KpiReadModel.load}
   */
  load(hot?: HotSelection): Promise<KpiReadModelState>;
  /**
   * What the commits after `checkpoint` stored; null when none did.
   * @throws MirroredReadModelSwappedError when the writer made another read model active since the load: load again.
   */
  changesSince(checkpoint: number): Promise<CommittedKpiChanges | null>;
  /** The cold subjects and buckets of the read model loaded, as the writer committed them. */
  readonly cold: ColdState;
  /** Releases the connection. */
  close(): Promise<void>;
}

/**
 * Which declarations and cases a start loads into memory (architecture.md, guarantee 7): a declaration that is open
 * with an event in the last `openMaxDays` days before the newest event time stored, a case with an event in those
 * days, and any subject with an event at or after `recentSince`. A row without hot keys (written before they existed)
 * is loaded too.
 */
export interface HotSelection {
  readonly openMaxDays: number;
  /** Epoch milliseconds: subjects touched since then are loaded whatever their state (the live hour's backlog needs them). */
  readonly recentSince: number;
}

/** What {@link KpiReadModelHistory.loadAsOf} leaves out of an epoch's state, for an `asOf` answer that reads less. */
export interface EpochLoad {
  /**
   * The daily buckets before the day of the hour horizon, the day horizon moved to that day (the horizons carry no
   * sum for daily buckets, and name the slices of every bucket): an answer reads them back only when a question
   * reaches them, and a start's month of them is most of an epoch's rows. Only for horizons that name their slices,
   * or the offices of the buckets left out would be lost. @defaultValue false
   */
  readonly dailyFromHourHorizon?: boolean;
  /** The report-only measures' buckets (measures.ts), for an engine without them (`KpiEngineOptions.reportMeasures`). @defaultValue false */
  readonly withoutReportMeasures?: boolean;
}

/** Reads of single subjects and of the TRS report's population, at the read model's checkpoint. */
export interface ColdSubjects {
  /** The stored rows of the declarations and cases named, as `KpiEngine.adopt` takes them; one never stored is left out. */
  subjects(request: SubjectsToLoad): Promise<StoredSubjectStates>;

  /**
   * Every stored declaration whose `releasedAt` is in [from, to) (epoch milliseconds), in pages of at most `pageSize`
   * rows, by (releasedAt, subject), then the rows without hot keys by subject, whatever their release (the caller
   * filters by the facts): pages a caller can give the event loop turns between (released-pages.ts).
   */
  releasedIn(from: number, to: number, pageSize: number): AsyncIterable<readonly DeclarationStateJson[]>;

  /**
   * The stored declarations of the TRS population (`hot.trs` not null) released in [from, to) whose attributes match
   * `filters`, longest release time first, ties by subject, in pages of at most `pageSize` rows: where the TRS
   * report's outliers come from, read along an index of the release time so that a caller wanting the first few
   * reads a page or two, not the period.
   */
  longestReleasedIn(from: number, to: number, filters: TrsFilters, pageSize: number): AsyncIterable<readonly DeclarationStateJson[]>;
}

/** The buckets of one measure, granularity and slice: where {@link ColdBuckets.bucketsBetween} reads. */
export type BucketLineAddress = Omit<BucketAddress, 'start'>;

/** Reads of buckets a bounded engine let go of, at the read model's checkpoint. */
export interface ColdBuckets {
  /** The stored buckets of the keys named (`bucketKey`); a key never stored is left out. In no particular order. */
  bucketsNamed(keys: readonly string[]): Promise<BucketJson[]>;

  /** The stored buckets of one line starting in [from, to) (epoch milliseconds), by start. */
  bucketsBetween(line: BucketLineAddress, from: number, to: number): Promise<BucketJson[]>;
}

/** Everything a bounded engine reads back from the read model. */
export type ColdState = ColdSubjects & ColdBuckets;

/** An epoch the read model closed: its last commit's checkpoint, and the `recordedAt` of that commit's last event. */
export interface ClosedEpoch {
  readonly epoch: number;
  readonly position: number;
  /** Epoch milliseconds. */
  readonly lastRecordedAt: number;
}

/**
 * The read model's state at the end of each closed epoch (README, "asOf"), for questions about the past: an epoch's
 * state, and the events recorded after it up to the instant asked about, are that instant's state. A commit keeps the
 * row it writes over, when that row was written in an earlier epoch, as a version valid up to the new epoch; so the
 * state at the end of epoch `e` is every row written in `e` or before and not written over until after `e`.
 * Closed epochs never change: their reads need no lock against the projector's commits.
 */
export interface KpiReadModelHistory {
  /** The last epoch closed whose last event was recorded at or before `asOfMs`; null when none was. */
  epochAsOf(asOfMs: number): Promise<ClosedEpoch | null>;

  /** `load(hot)` as it would have answered right after `epoch` closed, but for what `options` leave out. */
  loadAsOf(epoch: number, hot: HotSelection, options?: EpochLoad): Promise<KpiReadModelState>;

  /** `cold` as it would have answered right after `epoch` closed. */
  coldAsOf(epoch: number): ColdState;
}
