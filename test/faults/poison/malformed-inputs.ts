import { PRODUCER_EVENT_TYPES } from '@customs-pulse/domain';
import type { SeededRandom } from '@customs-pulse/testing';
import { invalidUtf8, truncatedJson } from './body-faults.js';
import { fullEvent, jsonWithRaw } from './event-fields.js';
import type { EventFaultKind, ExpectedReason } from './event-fault.js';
import { NUMBER_FAULTS } from './number-faults.js';
import { STRING_FAULTS } from './string-faults.js';
import { STRUCTURE_FAULTS } from './structure-faults.js';

/** One generated malformed input, and how it must be refused. */
export interface MalformedInput {
  readonly kind: string;
  readonly bytes: Buffer;
  /** The partition key over Kafka. */
  readonly subject: string;
  /** A problem its rejection (HTTP) or dead letter (Kafka) must name. */
  readonly reason: ExpectedReason;
  /**
   * Set when the bytes themselves are bad (not UTF-8, not JSON): over HTTP the whole body is refused with a 400
   * whose `detail` matches this, so the input goes in a request of its own.
   */
  readonly wholeBodyDetail?: RegExp;
}

const EVENT_FAULTS: Readonly<Record<string, EventFaultKind>> = { ...STRING_FAULTS, ...NUMBER_FAULTS, ...STRUCTURE_FAULTS };
const BODY_FAULTS = { 'truncated JSON': truncatedJson, 'invalid UTF-8': invalidUtf8 } as const;

/** Every kind of malformed input, in a fixed order: a run cycles through them, so each is sent over both transports. */
export const MALFORMED_KINDS: readonly string[] = [...Object.keys(EVENT_FAULTS), ...Object.keys(BODY_FAULTS)];

/**
 * The `n`-th malformed input of a run, of `kind`: a valid event (every optional field filled, a recent time), then
 * broken in one way.
 */
export function malformedInput(kind: string, random: SeededRandom, n: number, nowMs: number): MalformedInput {
  const eventFault = EVENT_FAULTS[kind];
  const type = random.pick(eventFault?.types ?? PRODUCER_EVENT_TYPES);
  const subject = `M-${n % 997}`;
  const event = fullEvent(type, subject, { id: `malformed-${n}`, time: new Date(nowMs - random.between(60_000, 3_600_000)).toISOString() });
  if (eventFault === undefined) {
    const bodyFault = BODY_FAULTS[kind as keyof typeof BODY_FAULTS](random, JSON.stringify(event));
    return { kind, bytes: bodyFault.bytes, subject, reason: bodyFault.reason, wholeBodyDetail: bodyFault.detail };
  }
  const outcome = eventFault.fault(random, event, nowMs);
  const text = outcome.replacement ?? jsonWithRaw(event, outcome.raw ?? new Map());
  return { kind, bytes: Buffer.from(text), subject, reason: outcome.reason };
}
