/**
 * The names of the event types (events.md), exactly as they appear in a CloudEvent's `type`.
 */

/** Events of a declaration's life; their subject is the declaration id. */
export const CLEARANCE_EVENT_TYPES = [
  'GoodsArrived',
  'DeclarationLodged',
  'DeclarationRejected',
  'LaneAssigned',
  'LaneRerouted',
  'DocumentaryCheckCompleted',
  'ExaminationStarted',
  'ExaminationCompleted',
  'DutiesAssessed',
  'DutiesPaid',
  'GoodsReleased',
  'GoodsExited',
  'DeclarationCancelled',
] as const;
/** One of {@link CLEARANCE_EVENT_TYPES}. */
export type ClearanceEventType = (typeof CLEARANCE_EVENT_TYPES)[number];

/** Enforcement and compliance events; their subject is the seizure case, offence case or audit id. */
export const ENFORCEMENT_EVENT_TYPES = [
  'SeizureRecorded',
  'OffenceCaseOpened',
  'OffenceCaseClosed',
  'PostClearanceAuditCompleted',
] as const;
/** One of {@link ENFORCEMENT_EVENT_TYPES}. */
export type EnforcementEventType = (typeof ENFORCEMENT_EVENT_TYPES)[number];

/** Every type a producer may submit, over HTTP or Kafka. */
export const PRODUCER_EVENT_TYPES = [...CLEARANCE_EVENT_TYPES, ...ENFORCEMENT_EVENT_TYPES] as const;
/** One of {@link PRODUCER_EVENT_TYPES}. */
export type ProducerEventType = (typeof PRODUCER_EVENT_TYPES)[number];

/**
 * Types the system appends to the same store (so auditors see them in history) and that a producer therefore
 * must never be able to forge.
 */
export const SYSTEM_EVENT_TYPES = [
  'AlertRaised',
  'AlertAcknowledged',
  'AlertResolved',
  'KpiThresholdChanged',
  'TargetSet',
  'TargetRetired',
] as const;
/** One of {@link SYSTEM_EVENT_TYPES}. */
export type SystemEventType = (typeof SYSTEM_EVENT_TYPES)[number];

/**
 * The amount-bearing producer types: their `data` may carry `currency`, which must then equal the deployment's
 * reporting currency.
 */
export const CURRENCY_BEARING_EVENT_TYPES = [
  'DeclarationLodged',
  'DutiesAssessed',
  'DutiesPaid',
  'SeizureRecorded',
  'OffenceCaseClosed',
  'PostClearanceAuditCompleted',
] as const satisfies readonly ProducerEventType[];
/** One of {@link CURRENCY_BEARING_EVENT_TYPES}. */
export type CurrencyBearingEventType = (typeof CURRENCY_BEARING_EVENT_TYPES)[number];

const producerTypes: ReadonlySet<string> = new Set(PRODUCER_EVENT_TYPES);
const systemTypes: ReadonlySet<string> = new Set(SYSTEM_EVENT_TYPES);
const currencyBearingTypes: ReadonlySet<string> = new Set(CURRENCY_BEARING_EVENT_TYPES);

/** Whether `value` names a type a producer may submit (case-sensitive, as the contract requires). */
export function isProducerEventType(value: unknown): value is ProducerEventType {
  return typeof value === 'string' && producerTypes.has(value);
}

/** Whether `value` names a type only the system writes. */
export function isSystemEventType(value: unknown): value is SystemEventType {
  return typeof value === 'string' && systemTypes.has(value);
}

/** Whether events of `type` carry an amount, and so may carry `currency`. */
export function isCurrencyBearingEventType(type: ProducerEventType): type is CurrencyBearingEventType {
  return currencyBearingTypes.has(type);
}
