import { type SketchJson, QuantileSketch } from '../sketch/index.js';
import { type BucketAddress, bucketKey } from './bucket-key.js';
import { type Granularity, bucketStart, isGranularity } from './bucket-time.js';
import { type MeasureId, MEASURES, isMeasureId } from './measures.js';
import { type Observation } from './observation.js';

/** The persisted form of a {@link KpiBucket}. */
export interface BucketJson {
  readonly measure: MeasureId;
  readonly granularity: Granularity;
  /** Bucket start, RFC 3339 UTC with milliseconds. */
  readonly start: string;
  /** Slice key (slices.ts); `''` for the total. */
  readonly slice: string;
  /** The measure's counters, in the order of its fields (measures.ts). */
  readonly values: readonly number[];
  /** The samples' sketch, for a measure that has one and holds some. */
  readonly sketch: SketchJson | null;
}

/**
 * The counters of one measure over one hour or day, in one slice: sums of integers and a mergeable sketch, so that
 * adding and removing observations in any order, and merging buckets into windows, are exact.
 */
export class KpiBucket implements BucketAddress {
  /**
   * The measure's counters (measures.ts), all 0 in a bucket nothing is left in. Float64 holds every integer up to
   * 2^53 exactly, and a typed array adds without the element-kind checks of a plain one.
   */
  readonly values: Float64Array;
  private samples: QuantileSketch | null;
  /** @internal Touched since the store last drained it for persistence. */
  pendingFlush = false;
  /** @internal Touched since the store last drained it for change notification. */
  pendingChange = false;

  constructor(
    readonly measure: MeasureId,
    readonly granularity: Granularity,
    readonly start: number,
    readonly slice: string,
    values?: readonly number[],
    sketch?: QuantileSketch | null,
  ) {
    this.values = values === undefined ? new Float64Array(MEASURES[measure].fields.length) : Float64Array.from(values);
    this.samples = sketch ?? null;
  }

  /** The canonical key (bucket-key.ts). */
  get key(): string {
    return bucketKey(this);
  }

  /** The samples' sketch; `null` until the first sample. */
  get sketch(): QuantileSketch | null {
    return this.samples;
  }

  /** Adds (`sign` 1) or removes (`sign` -1) an observation of this bucket's measure. */
  apply(observation: Observation, sign: 1 | -1): void {
    const { values } = observation;
    const counters = this.values;
    for (let index = 0; index < values.length; index += 1) counters[index]! += sign * values[index]!;
    if (observation.sample === null) return;
    if (sign === 1) (this.samples ??= new QuantileSketch()).add(observation.sample);
    // A removal mirrors an earlier addition: the sketch exists, and throws if the sample is absent (a bug upstream).
    else (this.samples ?? new QuantileSketch()).remove(observation.sample);
  }

  /** Whether nothing is counted in it (a read model may delete it). */
  isEmpty(): boolean {
    return this.values.every((value) => value === 0) && (this.samples === null || this.samples.isEmpty());
  }

  toJSON(): BucketJson {
    return {
      measure: this.measure,
      granularity: this.granularity,
      start: new Date(this.start).toISOString(),
      slice: this.slice,
      values: Array.from(this.values),
      sketch: this.samples === null || this.samples.isEmpty() ? null : this.samples.toJSON(),
    };
  }

  /** Restores a bucket from {@link KpiBucket.toJSON}. @throws MalformedBucketJsonError */
  static fromJSON(json: BucketJson): KpiBucket {
    const start = Date.parse(json.start);
    if (!isMeasureId(json.measure)) throw new MalformedBucketJsonError(`unknown measure ${String(json.measure)}`);
    if (!isGranularity(json.granularity)) throw new MalformedBucketJsonError(`unknown granularity ${String(json.granularity)}`);
    if (Number.isNaN(start) || bucketStart(start, json.granularity) !== start) {
      throw new MalformedBucketJsonError(`start ${json.start} is not the start of a ${json.granularity}`);
    }
    const spec = MEASURES[json.measure];
    if (!Array.isArray(json.values) || json.values.length !== spec.fields.length || !json.values.every(Number.isSafeInteger)) {
      throw new MalformedBucketJsonError(`values are not ${spec.fields.length} integers for ${json.measure}`);
    }
    const sketch = json.sketch === null ? null : QuantileSketch.fromJSON(json.sketch);
    return new KpiBucket(json.measure, json.granularity, start, json.slice, json.values, sketch);
  }
}

/** A persisted bucket that does not decode. */
export class MalformedBucketJsonError extends Error {
  override readonly name = 'MalformedBucketJsonError';

  constructor(reason: string) {
    super(`malformed KPI bucket JSON: ${reason}`);
  }
}
