import { type SliceDimension } from '@customs-pulse/domain';

import { BucketGroup } from './bucket-group.js';
import { BucketHorizons } from './bucket-horizons.js';
import { bucketKey } from './bucket-key.js';
import { BucketLine } from './bucket-line.js';
import { DAY_MS, type Granularity, HOUR_MS, bucketLength, bucketStart } from './bucket-time.js';
import { type BucketJson, KpiBucket } from './buckets.js';
import { counterNumber } from './carried-counters.js';
import { ColdDeltas } from './cold-deltas.js';
import { CounterArena } from './counter-arena.js';
import { MEASURE_IDS, MEASURES, type MeasureId } from './measures.js';
import { type Observation } from './observation.js';
import { filtersOfSlice, isOneDimensionSlice } from './slices.js';
import { type Steps, allSteps } from './steps.js';

type Table = Map<string, BucketLine>;

/** The groups of one measure and set of slices, by hour number (by day number when kept by day only), and the buckets they share. */
interface SliceSetGroups {
  /** The hourly line of each slice, in slice order; none for a measure kept by day only. */
  readonly hourLines: readonly BucketLine[];
  /** The daily line of each slice; `null` for a measure kept by hour only. */
  readonly dayLines: readonly BucketLine[] | null;
  /**
   * A measure kept by day only has one group per day, not 24 that would each add to the same day buckets: its
   * observations are summed a day at a time.
   */
  readonly dayOnly: boolean;
  /** The groups, by hour number, or by day number when `dayOnly`. */
  readonly byHour: Map<number, BucketGroup>;
  /** The group last asked for (its number as `byHour` keys it): in time order, observations of a set of slices keep landing in the same hour. */
  lastHour: number;
  lastGroup: BucketGroup | null;
  /** The day buckets of each day number, one array for the 24 hour groups of the day. */
  readonly byDay: Map<number, readonly KpiBucket[]>;
}

const NO_BUCKETS: readonly KpiBucket[] = [];

/** UTC hours in a UTC day. */
const HOURS_PER_DAY = 24;
/** Counters per array of an arena: 512 KiB, about 13,000 buckets. */
const ARENA_CHUNK = 65_536;

/**
 * Every bucket, indexed measure → granularity → slice → bucket number: nested maps rather than one map by composed
 * key, so that no string is built per observation.
 *
 * An observation is not added to its buckets at once but recorded in its {@link BucketGroup}, and pending groups are
 * flushed into their buckets before anything reads the store (a line, every bucket, a drain): what a reader sees is
 * exactly what applying each observation on its own would give, for a fraction of the cost on replay, where
 * consecutive observations keep landing in the same groups.
 *
 * Remembers the buckets touched since they were last drained, once for persistence and once for change notification,
 * by a flag on the bucket rather than a set, which costs a hash lookup per touch. Groups flush in the order they
 * were first recorded into, so buckets are reported in the order they were first touched.
 *
 * A bounded store lets go of the buckets before its horizons (bucket-horizons.ts) once they are persisted, and holds
 * the observations that fall before the hour horizon until their buckets are read back (cold-deltas.ts).
 */
export class BucketStore {
  private readonly tables: Record<MeasureId, Record<Granularity, Table>>;
  /**
   * Per measure, set of slices (the memoized arrays of `sliceKeysOf`, compared by identity) and hour number: the
   * group of buckets an observation goes to. At most two lookups per observation instead of two per slice and
   * granularity.
   */
  private readonly groups: Record<MeasureId, Map<readonly string[], SliceSetGroups>>;
  /** The buckets' counters. */
  private readonly counters = new CounterArena(ARENA_CHUNK);
  /** The pending groups' deltas, cleared at each flush. */
  private readonly deltas = new CounterArena(ARENA_CHUNK);
  private pending: BucketGroup[] = [];
  /** How many of the pending groups are flushed already: a drain in steps flushes them one at a time. */
  private flushed = 0;
  private readonly touchedBucket = (bucket: KpiBucket): void => this.touched(bucket);
  private dirty: KpiBucket[] = [];
  private changed: KpiBucket[] = [];
  /** Where buckets are held from; null while every bucket is. */
  private horizons: BucketHorizons | null = null;
  private readonly coldDeltas = new ColdDeltas();
  /** Whether some bucket before a horizon may be held: read back for a late observation, or dirty at a let-go. */
  private mayHoldBeforeHorizons = false;

  constructor() {
    this.tables = byMeasure(() => ({ hour: new Map(), day: new Map() }));
    this.groups = byMeasure(() => new Map());
  }

  /** Adds (`sign` 1) or removes (`sign` -1) an observation in each of its buckets. */
  apply(observation: Observation, sign: 1 | -1): void {
    if (this.horizons !== null && observation.at < this.horizons.hour) this.coldDeltas.add(observation, sign);
    else this.record(observation, sign);
  }

  /** Where the store holds buckets from; null while it holds every bucket. */
  get heldFrom(): BucketHorizons | null {
    return this.horizons;
  }

  /** Holds buckets from `horizons` on, as a store restored from a bounded engine's persisted state does. */
  holdFrom(horizons: BucketHorizons): void {
    this.horizons = horizons;
    this.nameSlicesHeld(horizons);
  }

  /** Horizons take the slices of the lines made before them: from then on, each new line names its own. */
  private nameSlicesHeld(horizons: BucketHorizons): void {
    for (const measure of MEASURE_IDS) {
      for (const table of Object.values(this.tables[measure])) for (const slice of table.keys()) horizons.nameSlice(slice);
    }
  }

  /**
   * The keys of the buckets that observations before the hour horizon go to and that are not held: to be read back
   * from the read model and handed to {@link BucketStore.adoptDecodedInSteps} before the store is next drained.
   */
  coldBucketKeys(): string[] {
    return allSteps(this.coldBucketKeysInSteps());
  }

  /** {@link BucketStore.coldBucketKeys} with a step after each observation: a catch-up commit may hold thousands. */
  *coldBucketKeysInSteps(): Steps<string[]> {
    const keys = new Set<string>();
    for (const { observation } of this.coldDeltas.peek()) {
      const { measure, at, slices } = observation;
      for (const granularity of MEASURES[measure].granularities) {
        const start = bucketStart(at, granularity);
        for (const slice of slices) {
          if (this.tables[measure][granularity].get(slice)?.at(start) === undefined) keys.add(bucketKey({ measure, granularity, start, slice }));
        }
      }
      yield;
    }
    return [...keys];
  }

  /**
   * Holds the buckets read back for the observations before the hour horizon, decoded beforehand
   * ({@link decodedInSteps}, so that a row that does not decode changes nothing), one already held staying as it is
   * (memory is never behind); then applies those observations in order. What is carried of the backlog moves with
   * them: their hourly backlog buckets are before the horizon. A bucket held, or an observation applied, per step: the late events of a catch-up
   * commit leave many observations waiting, 66 ms in one stretch for a commit of 20,000 events here. A query between
   * two steps reads the store as it reads it between two events applied: some late events counted, not all.
   * @returns how many of `decoded` it now holds (those not held already).
   */
  *adoptDecodedInSteps(decoded: readonly KpiBucket[]): Steps<number> {
    // From the first bucket held on, some may lie before the horizons: the next let-go walks them.
    this.mayHoldBeforeHorizons = true;
    let adopted = 0;
    for (const bucket of decoded) {
      const line = this.lineAt(bucket.measure, bucket.granularity, bucket.slice);
      if (line.at(bucket.start) === undefined) {
        // No group holds a bucket of an address that is not held (a let-go trims the groups with the buckets).
        line.set(bucket.start / line.length, this.inArena(bucket));
        adopted += 1;
      }
      yield;
    }
    const horizons = this.horizons;
    // Taken at once: recording one cannot fail, and no event is applied between two steps (the projector applies
    // none while it commits, an `asOf` replay none while it reads back), so none is left half-taken or added.
    for (const { observation, sign } of this.coldDeltas.take()) {
      if (horizons !== null && observation.measure === 'backlog') {
        for (const slice of observation.slices) horizons.carryBacklog(slice, sign * observation.values[0]!);
      }
      this.record(observation, sign);
      yield;
    }
    return adopted;
  }

  /** Whether observations were applied that no drain has taken yet: such a store cannot mirror. */
  get appliesObservations(): boolean {
    return this.pending.length > 0 || this.dirty.length > 0 || this.coldDeltas.size > 0;
  }

  /** Whether observations wait for their buckets to be read back ({@link BucketStore.coldBucketKeys}). */
  get awaitsColdBuckets(): boolean {
    return this.coldDeltas.size > 0;
  }

  /**
   * Moves the horizons forward to `hour` and `day` (never back) and lets go of the buckets before them that are
   * persisted and reported; a dirty one stays until the next call. Their counters' room is handed out again. A step
   * after each line: the first let-go of a read model written before horizons existed walks every bucket of the
   * history. The horizons and the backlog carried move at the first step, and a query between two steps reads a
   * bucket before them, still held or not, as committed: the same.
   * @returns how many buckets were let go of.
   */
  *letGoBeforeInSteps(hour: number, day: number): Steps<number> {
    // A catch-up commit's thousands of pending groups, a step each, as a drain flushes them.
    yield* this.flushInSteps();
    let horizons = this.horizons;
    if (horizons === null) {
      horizons = BucketHorizons.none();
      this.holdFrom(horizons);
    }
    let moved = false;
    if (hour > horizons.hour) {
      for (const [slice, line] of this.tables.backlog.hour) {
        for (const bucket of line.buckets()) {
          if (bucket.start >= horizons.hour && bucket.start < hour) horizons.carryBacklog(slice, counterNumber(bucket, 0));
        }
      }
      horizons.hour = hour;
      moved = true;
    }
    if (day > horizons.day) {
      horizons.day = day;
      moved = true;
    }
    if (!moved && !this.mayHoldBeforeHorizons) return 0;
    return yield* this.dropBeforeInSteps(horizons);
  }

  /**
   * Lets go of the buckets before `horizons` that are persisted and reported, a line per step.
   * @returns how many buckets were let go of.
   */
  private *dropBeforeInSteps(horizons: BucketHorizons): Steps<number> {
    let letGo = 0;
    let keptBefore = false;
    for (const measure of MEASURE_IDS) {
      for (const granularity of MEASURES[measure].granularities) {
        const horizon = horizons.of(granularity, measure);
        for (const line of this.tables[measure][granularity].values()) {
          for (const [number, bucket] of line.byNumber) {
            if (bucket.start >= horizon) continue;
            if (bucket.pendingFlush || bucket.pendingChange) {
              keptBefore = true;
              continue;
            }
            this.dropAt(line, number, bucket);
            letGo += 1;
          }
          yield;
        }
      }
    }
    this.forgetGroupsBefore(horizons);
    this.mayHoldBeforeHorizons = keptBefore;
    return letGo;
  }

  /** Removes a held bucket from its line, its counters' room handed out again. */
  private dropAt(line: BucketLine, number: number, bucket: KpiBucket): void {
    line.delete(number);
    const slot = bucket.arenaSlot;
    if (slot !== null) this.counters.giveBack(slot, MEASURES[bucket.measure].fields.length);
  }



  /**
   * Takes the buckets a writer's commits stored, decoded ({@link decodedInSteps}), for a mirror (kpi-mirror.ts), which
   * applies no observation: each replaces the one held at its address, its counters moved into the arena, but one
   * before `horizons` (a late event's, cold) is not held, and the one held there is let go of. `horizons` are the
   * writer's, carry and named slices included; when they moved, the buckets before them are to be let go of with
   * {@link BucketStore.letGoBeforeHorizonsInSteps}.
   * @returns how many held buckets were let go of.
   */
  mirror(horizons: BucketHorizons | null, decoded: readonly KpiBucket[]): number {
    if (this.appliesObservations) throw new Error('a bucket store that applies observations cannot mirror');
    const previous = this.horizons;
    // The writer's horizons name every slice it made, those of the lines held here among them.
    if (horizons !== null) this.horizons = horizons;
    this.forgetGroups();
    let letGo = 0;
    for (const bucket of decoded) {
      const line = this.lineAt(bucket.measure, bucket.granularity, bucket.slice);
      const number = bucket.start / line.length;
      const held = line.byNumber.get(number);
      if (held !== undefined) this.dropAt(line, number, held);
      // Before the horizons it is cold: a query reads it from the read model.
      if (horizons === null || bucket.start >= horizons.of(bucket.granularity, bucket.measure)) line.set(number, this.inArena(bucket));
      else if (held !== undefined) letGo += 1;
    }
    if (horizons !== null && (previous === null || horizons.hour > previous.hour || horizons.day > previous.day)) this.mayHoldBeforeHorizons = true;
    return letGo;
  }

  /**
   * Lets go of the buckets before the horizons that are persisted and reported, a line per step, when some may be
   * held: after a mirror moved the horizons. A query between two steps reads a bucket before them, still held or not,
   * as committed: the same.
   * @returns how many buckets were let go of.
   */
  *letGoBeforeHorizonsInSteps(): Steps<number> {
    if (this.horizons === null || !this.mayHoldBeforeHorizons) return 0;
    return yield* this.dropBeforeInSteps(this.horizons);
  }

  private record(observation: Observation, sign: 1 | -1): void {
    const group = this.groupOf(observation.measure, observation.slices, Math.floor(observation.at / HOUR_MS));
    if (group.record(observation, sign, this.deltas)) this.pending.push(group);
  }

  /**
   * Puts back a persisted bucket, its counters in the store's arena like those of the buckets it makes: a restored
   * bucket with an array of its own would cost some 200 bytes more (counter-arena.ts), 0.6 GiB over 3 million buckets.
   * @throws MalformedBucketJsonError
   */
  restoreJson(json: BucketJson): void {
    this.restore(KpiBucket.fromJSON(json, (length) => this.counters.take(length)));
  }

  /** Puts back a persisted bucket, replacing any at its address; not reported as touched. */
  restore(bucket: KpiBucket): void {
    this.flush();
    this.forgetGroups();
    const line = this.lineAt(bucket.measure, bucket.granularity, bucket.slice);
    line.set(bucket.start / line.length, bucket);
  }

  /** The buckets of one measure, granularity and slice; `undefined` when none was ever created. */
  line(measure: MeasureId, granularity: Granularity, slice: string): BucketLine | undefined {
    this.flush();
    return this.tables[measure][granularity].get(slice);
  }

  /**
   * The values of `dimension` seen alone in a slice of some measure (`office=UZ-TAS` gives `UZ-TAS`), each once, in no
   * particular order: the offices, modes or regimes the store holds or held buckets for, or carries backlog for.
   */
  sliceValues(dimension: SliceDimension): Set<string> {
    this.flush();
    const values = new Set<string>();
    const add = (slice: string): void => {
      // Cheap test first: most keys combine dimensions, and parsing each would cost more than the scan.
      if (!slice.startsWith(`${dimension}=`) || !isOneDimensionSlice(slice)) return;
      const value = filtersOfSlice(slice)[dimension];
      if (value !== undefined) values.add(value);
    };
    // Horizons name every one-dimension slice of a line ever made (`holdFrom`, `lineAt`), those of buckets let go of
    // too; a store without them holds every bucket, and its lines are the list.
    if (this.horizons !== null) {
      for (const slice of this.horizons.namedSlices()) add(slice);
      return values;
    }
    for (const measure of MEASURE_IDS) {
      for (const table of Object.values(this.tables[measure])) for (const slice of table.keys()) add(slice);
    }
    return values;
  }

  /** How many buckets are held (`/metrics`): a count per line, not a walk over the buckets. */
  get size(): number {
    let size = 0;
    for (const measure of MEASURE_IDS) {
      for (const table of Object.values(this.tables[measure])) for (const line of table.values()) size += line.size;
    }
    return size;
  }

  /** Every bucket, in no particular order. */
  all(): IterableIterator<KpiBucket> {
    this.flush();
    return this.everyBucket();
  }

  /** The buckets touched since the last call, for persistence. */
  drainDirty(): KpiBucket[] {
    return allSteps(this.drainDirtyInSteps());
  }

  /**
   * {@link BucketStore.drainDirty} with a step after each pending group flushed: a catch-up commit flushes thousands.
   * A read between two steps flushes the rest itself, so it sees every observation.
   */
  *drainDirtyInSteps(): Steps<KpiBucket[]> {
    yield* this.flushInSteps();
    const drained = this.dirty;
    this.dirty = [];
    for (const bucket of drained) bucket.pendingFlush = false;
    return drained;
  }

  /** The buckets touched since the last call, for change notification. */
  drainChanged(): KpiBucket[] {
    return allSteps(this.drainChangedInSteps());
  }

  /** {@link BucketStore.drainChanged} with a step after each pending group flushed, as {@link BucketStore.drainDirtyInSteps}. */
  *drainChangedInSteps(): Steps<KpiBucket[]> {
    yield* this.flushInSteps();
    const drained = this.changed;
    this.changed = [];
    for (const bucket of drained) bucket.pendingChange = false;
    return drained;
  }

  /** Applies the pending groups to their buckets, one group per step: what the next read would do in one stretch. */
  *flushInSteps(): Steps<void> {
    while (this.flushNext()) yield;
  }

  /** Applies every pending group to its buckets. */
  private flush(): void {
    while (this.flushNext());
  }

  /**
   * Applies the next pending group to its buckets. The groups before it stay listed until all are flushed, so that
   * the deltas' arena, which they took their room in, is cleared only then.
   * @returns false when none was pending.
   */
  private flushNext(): boolean {
    const group = this.pending[this.flushed];
    if (group === undefined) {
      if (this.flushed > 0) {
        this.pending = [];
        this.flushed = 0;
        this.deltas.clear();
      }
      return false;
    }
    this.flushed += 1;
    group.flush(this.touchedBucket);
    return true;
  }

  private groupOf(measure: MeasureId, slices: readonly string[], hour: number): BucketGroup {
    const bySlices = this.groups[measure];
    let sliceSet = bySlices.get(slices);
    if (sliceSet === undefined) {
      const linesOf = (granularity: Granularity): BucketLine[] => slices.map((slice) => this.lineAt(measure, granularity, slice));
      const granularities: readonly Granularity[] = MEASURES[measure].granularities;
      const byDay = granularities.includes('day');
      const byHour = granularities.includes('hour');
      sliceSet = {
        hourLines: byHour ? linesOf('hour') : [],
        dayLines: byDay ? linesOf('day') : null,
        dayOnly: !byHour,
        byHour: new Map(),
        lastHour: Number.NaN,
        lastGroup: null,
        byDay: new Map(),
      };
      bySlices.set(slices, sliceSet);
    }
    const number = sliceSet.dayOnly ? Math.floor(hour / HOURS_PER_DAY) : hour;
    if (sliceSet.lastHour === number) return sliceSet.lastGroup!;
    let group = sliceSet.byHour.get(number);
    if (group === undefined) {
      const hourBuckets = sliceSet.dayOnly ? NO_BUCKETS : this.bucketsAt(measure, 'hour', slices, sliceSet.hourLines, hour);
      group = new BucketGroup(hourBuckets, this.dayBucketsOf(measure, slices, sliceSet, hour), MEASURES[measure].fields.length);
      sliceSet.byHour.set(number, group);
    }
    sliceSet.lastHour = number;
    sliceSet.lastGroup = group;
    return group;
  }

  /** The day buckets of the day holding `hour`, shared by the groups of its hours. */
  private dayBucketsOf(measure: MeasureId, slices: readonly string[], sliceSet: SliceSetGroups, hour: number): readonly KpiBucket[] {
    if (sliceSet.dayLines === null) return NO_BUCKETS;
    // A UTC day is 24 whole hours from the epoch, so the day of the hour is the day of every instant in it.
    const day = Math.floor(hour / HOURS_PER_DAY);
    let buckets = sliceSet.byDay.get(day);
    if (buckets === undefined) {
      buckets = this.bucketsAt(measure, 'day', slices, sliceSet.dayLines, day);
      sliceSet.byDay.set(day, buckets);
    }
    return buckets;
  }

  /** The bucket of each slice at one bucket number, created empty where missing, in slice order. */
  private bucketsAt(
    measure: MeasureId,
    granularity: Granularity,
    slices: readonly string[],
    lines: readonly BucketLine[],
    number: number,
  ): KpiBucket[] {
    const buckets: KpiBucket[] = [];
    const fields = MEASURES[measure].fields.length;
    // Slices are frozen arrays, which `for...of` iterates by allocating.
    for (let position = 0; position < slices.length; position += 1) {
      const line = lines[position]!;
      let bucket = line.byNumber.get(number);
      if (bucket === undefined) {
        bucket = new KpiBucket(measure, granularity, number * line.length, slices[position]!, this.counters.take(fields));
        line.set(number, bucket);
      }
      buckets.push(bucket);
    }
    return buckets;
  }

  private *everyBucket(): IterableIterator<KpiBucket> {
    for (const measure of MEASURE_IDS) {
      for (const table of Object.values(this.tables[measure])) {
        for (const line of table.values()) yield* line.buckets();
      }
    }
  }

  /** The line of one measure, granularity and slice, created empty when missing. */
  private lineAt(measure: MeasureId, granularity: Granularity, slice: string): BucketLine {
    const table = this.tables[measure][granularity];
    let line = table.get(slice);
    if (line === undefined) {
      line = new BucketLine(bucketLength(granularity));
      table.set(slice, line);
      this.horizons?.nameSlice(slice);
    }
    return line;
  }

  /** The bucket with its counters moved into the store's arena, as the buckets it makes keep theirs. */
  private inArena(bucket: KpiBucket): KpiBucket {
    const slot = this.counters.take(bucket.values.length);
    slot.array.set(bucket.values, slot.offset);
    return new KpiBucket(bucket.measure, bucket.granularity, bucket.start, bucket.slice, slot, bucket.sketch, bucket.carries);
  }

  /** Drops the groups of the hours and days before the horizons: they hold buckets let go of. */
  private forgetGroupsBefore(horizons: BucketHorizons): void {
    const hour = horizons.hour / HOUR_MS;
    for (const measure of MEASURE_IDS) {
      const day = horizons.of('day', measure) / DAY_MS;
      for (const sliceSet of this.groups[measure].values()) {
        const first = sliceSet.dayOnly ? day : hour;
        for (const number of sliceSet.byHour.keys()) if (number < first) sliceSet.byHour.delete(number);
        for (const number of sliceSet.byDay.keys()) if (number < day) sliceSet.byDay.delete(number);
        if (!(sliceSet.lastHour >= first)) {
          sliceSet.lastHour = Number.NaN;
          sliceSet.lastGroup = null;
        }
      }
    }
  }

  /** A restored bucket replaces the one a group may hold. */
  private forgetGroups(): void {
    for (const measure of MEASURE_IDS) this.groups[measure].clear();
  }

  private touched(bucket: KpiBucket): void {
    if (!bucket.pendingFlush) {
      bucket.pendingFlush = true;
      this.dirty.push(bucket);
    }
    if (!bucket.pendingChange) {
      bucket.pendingChange = true;
      this.changed.push(bucket);
    }
  }
}

function byMeasure<T>(create: () => T): Record<MeasureId, T> {
  return Object.fromEntries(MEASURE_IDS.map((id) => [id, create()])) as Record<MeasureId, T>;
}

/**
 * Stored buckets decoded, a step per row, changing nothing: the costly part of a read-back (each row's sketch), done
 * with turns before {@link BucketStore.adoptDecodedInSteps} changes the store.
 * @throws MalformedBucketJsonError
 */
export function* decodedInSteps(stored: readonly BucketJson[]): Steps<KpiBucket[]> {
  const decoded: KpiBucket[] = [];
  for (const json of stored) {
    decoded.push(KpiBucket.fromJSON(json));
    yield;
  }
  return decoded;
}
