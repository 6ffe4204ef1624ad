import type { ProducerEventType } from '@customs-pulse/domain';
import { anEventOfType, type RawCloudEvent } from '@customs-pulse/testing';

/** The source of every event the poison-input suite sends, so that its events are told from those the app writes. */
export const POISON_SOURCE = 'urn:customs:poison';

/** Identifiers and codes of `data` (events.md v1.1: at most 128 characters), lists included. */
export const IDENTIFIER_FIELDS: ReadonlySet<string> = new Set([
  'officeId', 'declarantId', 'officerId', 'traderId', 'examinerId', 'offenceCode', 'declarationId', 'unit', 'gate',
  'conveyanceRef', 'profileIds', 'errorCodes',
]);

/** Amounts and values (at most 10^12, finite). */
export const AMOUNT_FIELDS: ReadonlySet<string> = new Set(['customsValue', 'amount', 'estimatedValue', 'penaltyAmount', 'additionalAssessed']);

/** The optional fields of each type, filled, so that every string and number position of events.md is sent. */
const OPTIONAL_DATA: { readonly [T in ProducerEventType]?: Readonly<Record<string, unknown>> } = {
  GoodsArrived: { conveyanceRef: 'TRUCK-01A' },
  DeclarationLodged: { currency: 'USD', hsCodes: ['0101', '8703231990'], originCountry: 'UZ', ecommerce: true },
  LaneAssigned: { riskScore: 0.42, profileIds: ['PROFILE-A', 'PROFILE-B'] },
  ExaminationStarted: { examinerId: 'EXAMINER-7' },
  ExaminationCompleted: { result: 'DISCREPANCY', discrepancyTypes: ['VALUATION', 'ORIGIN'] },
  DutiesAssessed: { currency: 'USD' },
  DutiesPaid: { currency: 'USD' },
  GoodsReleased: { releaseType: 'AGAINST_GUARANTEE' },
  GoodsExited: { gate: 'GATE-3' },
  SeizureRecorded: { currency: 'USD', declarationId: 'DEC-00017' },
  OffenceCaseOpened: { declarationId: 'DEC-00017' },
  OffenceCaseClosed: { currency: 'USD' },
  PostClearanceAuditCompleted: { currency: 'USD' },
};

/** A valid event of `type` with every optional field filled: a fresh object, lists included, for a fault to break. */
export function fullEvent(type: ProducerEventType, subject: string, envelope: Readonly<Record<string, unknown>>): RawCloudEvent {
  // Cloned whole: the builder's default lists (`errorCodes`) are shared between the events it builds.
  return structuredClone(anEventOfType(type, subject, OPTIONAL_DATA[type] ?? {}, { source: POISON_SOURCE, ...envelope }));
}

/** The `data` of an event built by {@link fullEvent}. */
export function dataOf(event: RawCloudEvent): Record<string, unknown> {
  return event['data'] as Record<string, unknown>;
}

/**
 * JSON text of `event` with raw JSON put in place of placeholder strings: for what JSON.stringify cannot write, such
 * as `1e309`, `-0` or a key `__proto__`.
 */
export function jsonWithRaw(event: unknown, raw: ReadonlyMap<string, string>): string {
  let text = JSON.stringify(event);
  for (const [placeholder, json] of raw) {
    const quoted = JSON.stringify(placeholder);
    if (!text.includes(quoted)) throw new Error(`placeholder ${placeholder} is not in the event`);
    text = text.replace(quoted, json);
  }
  return text;
}
