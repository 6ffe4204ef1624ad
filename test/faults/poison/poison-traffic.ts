import { SeededRandom } from '@customs-pulse/testing';
import { MALFORMED_KINDS, type MalformedInput, malformedInput } from './malformed-inputs.js';
import { type ValidInput, validInput } from './valid-inputs.js';

/** One item of an HTTP batch: a valid event or a malformed one. */
export type BatchItem = { readonly valid: ValidInput } | { readonly malformed: MalformedInput };

/** One `POST /api/events`: a batch of items, or one input whose bytes are bad as a whole body. */
export type PlannedRequest =
  | { readonly batch: readonly BatchItem[]; readonly body: Buffer }
  | { readonly wholeBody: MalformedInput; readonly body: Buffer };

/** One Kafka record and what it carries. */
export interface PlannedRecord {
  readonly key: string;
  readonly value: Buffer;
  readonly input: BatchItem;
}

/** A run's traffic: valid inputs interleaved with malformed ones, over both transports. */
export interface PoisonTraffic {
  readonly requests: readonly PlannedRequest[];
  readonly records: readonly PlannedRecord[];
  /** Every valid input, over either transport: each must be stored once. */
  readonly valid: readonly ValidInput[];
}

export interface PoisonTrafficOptions {
  readonly seed: number;
  /** Malformed inputs in all, half over HTTP, half over Kafka; as many valid ones go with them. */
  readonly malformedInputs: number;
  /** The app's clock when the run starts. */
  readonly nowMs: number;
  /** Items per HTTP batch. @defaultValue 100 */
  readonly batchItems?: number;
}

function batchBody(items: readonly BatchItem[]): Buffer {
  const parts = items.map((item) => ('valid' in item ? Buffer.from(item.valid.text) : item.malformed.bytes));
  return Buffer.concat([Buffer.from('['), ...parts.flatMap((part, index) => (index === 0 ? [part] : [Buffer.from(','), part])), Buffer.from(']')]);
}

/**
 * Plans a run: the `n`-th malformed input is of kind `n / 2` (cycling through every kind) and goes over HTTP when `n`
 * is even, over Kafka when odd, each with a valid input beside it. Over HTTP, valid and malformed events share
 * shuffled batches; a malformed input whose bytes are bad as a whole (not UTF-8, cut short) goes in a request of its
 * own, since such a body is refused whole.
 */
export function planPoisonTraffic(options: PoisonTrafficOptions): PoisonTraffic {
  const random = new SeededRandom(options.seed);
  const batchItems = options.batchItems ?? 100;
  const requests: PlannedRequest[] = [];
  const records: PlannedRecord[] = [];
  const valid: ValidInput[] = [];
  let batch: BatchItem[] = [];
  const flush = (): void => {
    if (batch.length === 0) return;
    const shuffled = random.shuffled(batch);
    requests.push({ batch: shuffled, body: batchBody(shuffled) });
    batch = [];
  };
  for (let n = 0; n < options.malformedInputs; n += 1) {
    const malformed = malformedInput(MALFORMED_KINDS[Math.floor(n / 2) % MALFORMED_KINDS.length]!, random, n, options.nowMs);
    const good = validInput(random, n, options.nowMs);
    valid.push(good);
    if (n % 2 === 1) {
      const pair: PlannedRecord[] = [
        { key: malformed.subject, value: malformed.bytes, input: { malformed } },
        { key: good.subject, value: Buffer.from(good.text), input: { valid: good } },
      ];
      records.push(...random.shuffled(pair));
      continue;
    }
    batch.push({ valid: good });
    if (malformed.wholeBodyDetail === undefined) batch.push({ malformed });
    else requests.push({ wholeBody: malformed, body: malformed.bytes });
    if (batch.length >= batchItems) flush();
  }
  flush();
  return { requests, records, valid };
}
