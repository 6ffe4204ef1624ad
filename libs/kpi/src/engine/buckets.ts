import { type SketchDelta, type SketchJson, QuantileSketch } from '../sketch/index.js';
import { type BucketAddress, bucketKey } from './bucket-key.js';
import { type CounterView, carryOver, mustCarry } from './carried-counters.js';
import { type CounterSlot } from './counter-arena.js';
import { type CountersJson, countersFromJson, countersToJson } from './counters-json.js';
import { type Granularity, bucketLength, bucketStart, isGranularity } from './bucket-time.js';
import { type MeasureId, MEASURES, isMeasureId } from './measures.js';
import { MalformedBucketJsonError } from './malformed-bucket-json-error.js';
import { utcIso } from './utc-millis.js';

export { MalformedBucketJsonError };

/** The persisted form of a {@link KpiBucket}. */
export interface BucketJson extends CountersJson {
  readonly measure: MeasureId;
  readonly granularity: Granularity;
  /** Bucket start, RFC 3339 UTC with milliseconds. */
  readonly start: string;
  /** Slice key (slices.ts); `''` for the total. */
  readonly slice: string;
  /** The measure's counters, in the order of its fields (measures.ts): their low parts (counters-json.ts). */
  readonly values: number[];
  /** The samples' sketch, for a measure that has one and holds some. */
  readonly sketch: SketchJson | null;
}

/**
 * The counters of one measure over one hour or day, in one slice: sums of integers and a mergeable sketch, so that
 * adding and removing observations in any order, and merging buckets into windows, are exact.
 */
export class KpiBucket implements BucketAddress, CounterView {
  /**
   * The low parts of the measure's counters (measures.ts, carried-counters.ts), all 0 in a bucket nothing is left
   * in, at `offset` in `counters`: an array of its own, or a store's arena shared with other buckets
   * (counter-arena.ts). Float64 holds every integer up to 2^53 exactly, and a typed array adds without the
   * element-kind checks of a plain one.
   */
  private readonly counters: Float64Array;
  /** The counters' carries, in units of 2^52; `null` until one is needed. */
  private carried: Float64Array | null;
  private readonly offset: number;
  private readonly length: number;
  /** Whether the counters are a run of a store's arena rather than an array of their own. */
  private readonly inArena: boolean;
  /** Start / length: a small integer, where the start in epoch milliseconds would take a boxed number per bucket. */
  private readonly number: number;
  private samples: QuantileSketch | null;
  /** @internal Touched since the store last drained it for persistence. */
  pendingFlush = false;
  /** @internal Touched since the store last drained it for change notification. */
  pendingChange = false;

  /**
   * @param values - the counters' low parts (below 2^52 in magnitude), or where they are to be kept (all 0 there);
   *   a fresh array of zeros when omitted.
   * @param carries - the counters' carries; none when omitted.
   */
  constructor(
    readonly measure: MeasureId,
    readonly granularity: Granularity,
    /** Bucket start, epoch milliseconds. */
    start: number,
    readonly slice: string,
    values?: ArrayLike<number> | CounterSlot,
    sketch?: QuantileSketch | null,
    carries?: Float64Array | null,
  ) {
    this.number = start / bucketLength(granularity);
    this.length = MEASURES[measure].fields.length;
    this.inArena = values !== undefined && 'array' in values;
    if (values !== undefined && 'array' in values) {
      this.counters = values.array;
      this.offset = values.offset;
    } else {
      this.counters = values === undefined ? new Float64Array(this.length) : Float64Array.from(values);
      this.offset = 0;
    }
    this.samples = sketch ?? null;
    this.carried = carries ?? null;
  }

  /** The counters, in the order of the measure's fields: a view, to read. */
  get values(): Float64Array {
    const { counters, offset, length } = this;
    return offset === 0 && counters.length === length ? counters : counters.subarray(offset, offset + length);
  }

  /** The counters' carries, in units of 2^52, or `null` when all are 0: a view, to read. */
  get carries(): Float64Array | null {
    return this.carried;
  }

  /** @internal Where its counters are in a store's arena, to give back once the store lets it go; null if not there. */
  get arenaSlot(): CounterSlot | null {
    return this.inArena ? { array: this.counters, offset: this.offset } : null;
  }

  /** Bucket start, epoch milliseconds. */
  get start(): number {
    return this.number * bucketLength(this.granularity);
  }

  /** The canonical key (bucket-key.ts). */
  get key(): string {
    return bucketKey(this);
  }

  /** The samples' sketch; `null` until the first sample. */
  get sketch(): QuantileSketch | null {
    return this.samples;
  }

  /**
   * Adds a delta of this bucket's measure: the counters at `offset` in `delta` (low parts) and `carries` to its
   * counters, and the samples recorded in `samples`, if any, to its sketch.
   */
  applyDelta(delta: Float64Array, offset: number, carries: Float64Array | null, samples: SketchDelta | null): void {
    const { counters } = this;
    const at = this.offset;
    for (let index = 0; index < this.length; index += 1) {
      if (mustCarry((counters[at + index]! += delta[offset + index]!))) {
        carryOver(counters, at + index, (this.carried ??= new Float64Array(this.length)), index);
      }
    }
    if (carries !== null) {
      const own = (this.carried ??= new Float64Array(this.length));
      for (let index = 0; index < this.length; index += 1) own[index]! += carries[index]!;
    }
    if (samples === null) return;
    // A delta that removes mirrors earlier additions: the sketch exists, and throws if the samples are absent (a bug
    // upstream).
    (this.samples ??= new QuantileSketch()).applyDelta(samples);
  }

  /** Whether nothing is counted in it (a read model may delete it). */
  isEmpty(): boolean {
    // A low part below 2^52 in magnitude cancels no carry, so a total is 0 exactly when both parts are.
    const carried = this.carried === null || this.carried.every((carry) => carry === 0);
    return carried && this.counterList().every((value) => value === 0) && (this.samples === null || this.samples.isEmpty());
  }

  toJSON(): BucketJson {
    return {
      measure: this.measure,
      granularity: this.granularity,
      start: utcIso(this.start),
      slice: this.slice,
      ...countersToJson(this.counterList(), this.carried),
      sketch: this.samples === null || this.samples.isEmpty() ? null : this.samples.toJSON(),
    };
  }

  /** The counters as a plain array, read in place: a drain writes every bucket it touched, and a view costs more. */
  private counterList(): number[] {
    const list = new Array<number>(this.length);
    for (let index = 0; index < this.length; index += 1) list[index] = this.counters[this.offset + index]!;
    return list;
  }

  /** Restores a bucket from {@link KpiBucket.toJSON}. @throws MalformedBucketJsonError */
  /**
   * @param room - where to keep the counters (a store's arena, counter-arena.ts); an array of their own when omitted.
   */
  static fromJSON(json: BucketJson, room?: (length: number) => CounterSlot): KpiBucket {
    const start = Date.parse(json.start);
    if (!isMeasureId(json.measure)) throw new MalformedBucketJsonError(`unknown measure ${String(json.measure)}`);
    if (!isGranularity(json.granularity)) throw new MalformedBucketJsonError(`unknown granularity ${String(json.granularity)}`);
    if (Number.isNaN(start) || bucketStart(start, json.granularity) !== start) {
      throw new MalformedBucketJsonError(`start ${json.start} is not the start of a ${json.granularity}`);
    }
    const { values, carries } = countersFromJson(json, MEASURES[json.measure].fields.length, json.measure);
    const sketch = json.sketch === null ? null : QuantileSketch.fromJSON(json.sketch);
    if (room === undefined) return new KpiBucket(json.measure, json.granularity, start, json.slice, values, sketch, carries);
    const slot = room(values.length);
    slot.array.set(values, slot.offset);
    return new KpiBucket(json.measure, json.granularity, start, json.slice, slot, sketch, carries);
  }
}
