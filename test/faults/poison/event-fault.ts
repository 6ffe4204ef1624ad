import type { ProducerEventType } from '@customs-pulse/domain';
import type { RawCloudEvent, SeededRandom } from '@customs-pulse/testing';

/** A problem a rejection (its `errors`) or a dead letter (its reasons header) must name. */
export interface ExpectedReason {
  readonly path: string;
  readonly message: RegExp;
}

/** What a fault did to an event: the reason it must be refused for, and raw JSON to put in place of placeholders. */
export interface FaultOutcome {
  readonly reason: ExpectedReason;
  /** Placeholder string to raw JSON, for values JSON.stringify cannot write (`1e309`, a key `__proto__`). */
  readonly raw?: ReadonlyMap<string, string>;
  /** JSON text to send instead of the event, for an item that is no event at all (`42`, `null`). */
  readonly replacement?: string;
}

/**
 * Breaks one valid event in place (a fresh one each call) so that it must be rejected for one reason; `nowMs` is the
 * app's clock at the start of the run.
 */
export type EventFault = (random: SeededRandom, event: RawCloudEvent, nowMs: number) => FaultOutcome;

/** A kind of fault, and the event types it can break (all producer types when not given). */
export interface EventFaultKind {
  readonly types?: readonly ProducerEventType[];
  readonly fault: EventFault;
}
