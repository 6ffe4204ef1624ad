import { createHash } from 'node:crypto';

import {
  type EventDataByType,
  type EventValidationRules,
  PRODUCER_EVENT_TYPES,
  type ProducerEventType,
} from '@customs-pulse/domain';

import { TestClock } from './test-clock.js';

/** A raw CloudEvent: what a producer submits, before validation. */
export type RawCloudEvent = Record<string, unknown>;

/**
 * Changes to a built event's `data`: known fields are suggested, but any value is accepted so tests can build invalid
 * events too. A field set to `undefined` is removed.
 */
export type DataOverrides<T extends ProducerEventType> = { readonly [F in keyof EventDataByType[T]]?: unknown } &
  Readonly<Record<string, unknown>>;

/**
 * Changes to a built event's envelope (`id`, `time`, extension attributes, ...), `data` included when a test needs to
 * replace it whole. An attribute set to `undefined` is removed.
 */
export type EnvelopeOverrides = Readonly<Record<string, unknown>>;

/** `source` of every built event unless overridden. */
export const TEST_EVENT_SOURCE = 'urn:customs:test';

/**
 * `time` of every built event unless overridden: the start of a default {@link TestClock}, so that built events are
 * never ahead of the clock a test validates them with.
 */
export const TEST_EVENT_TIME = '2026-03-01T08:00:00.000Z';

/** Reporting currency of {@link validationRulesAt} unless given. */
export const TEST_REPORTING_CURRENCY = 'USD';

/**
 * Validation rules whose clock is fixed at `now`: by default {@link TEST_EVENT_TIME}, so that built events are never
 * ahead of it.
 */
export function validationRulesAt(
  now: string = TEST_EVENT_TIME,
  reportingCurrency: string = TEST_REPORTING_CURRENCY,
): EventValidationRules {
  return { clock: new TestClock(now), reportingCurrency };
}

/** The smallest valid `data` of each producer type: required fields only. */
const DEFAULT_DATA: { readonly [T in ProducerEventType]: EventDataByType[T] } = {
  GoodsArrived: { officeId: 'OFFICE-01', transportMode: 'ROAD' },
  DeclarationLodged: {
    officeId: 'OFFICE-01',
    regime: 'IMPORT',
    transportMode: 'ROAD',
    declarantId: 'TRADER-001',
    aeo: false,
    electronic: true,
    preArrival: false,
    customsValue: 10_000,
  },
  DeclarationRejected: { errorCodes: ['E101'] },
  LaneAssigned: { lane: 'GREEN', basis: 'CRITERIA' },
  LaneRerouted: { fromLane: 'GREEN', toLane: 'RED', officerId: 'OFFICER-01', reason: 'intelligence received' },
  DocumentaryCheckCompleted: { result: 'COMPLIANT' },
  ExaminationStarted: { method: 'NII' },
  ExaminationCompleted: { result: 'NO_FINDING' },
  DutiesAssessed: { amount: 1_200 },
  DutiesPaid: { amount: 1_200, method: 'ELECTRONIC' },
  GoodsReleased: {},
  GoodsExited: {},
  DeclarationCancelled: { reason: 'withdrawn by the declarant' },
  SeizureRecorded: {
    officeId: 'OFFICE-01',
    transportMode: 'ROAD',
    category: 'TOBACCO',
    detectionMethod: 'RISK_PROFILE',
    quantity: 12.5,
    unit: 'kg',
    estimatedValue: 3_000,
  },
  OffenceCaseOpened: { officeId: 'OFFICE-01', offenceCode: 'SMUGGLING', kind: 'ADMINISTRATIVE' },
  OffenceCaseClosed: { outcome: 'PENALTY', penaltyAmount: 500 },
  PostClearanceAuditCompleted: {
    officeId: 'OFFICE-01',
    traderId: 'TRADER-001',
    finding: 'COMPLIANT',
    additionalAssessed: 0,
  },
};

function withoutUndefined(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/**
 * A CloudEvent of any `type` (system types too, for rejection tests). Unless `envelope` sets `id`, the id is derived
 * from the content: deterministic whatever order tests run in, and equal only for events that are the same.
 */
export function cloudEvent(
  type: string,
  subject: string,
  data: Readonly<Record<string, unknown>>,
  envelope: EnvelopeOverrides = {},
): RawCloudEvent {
  const event = withoutUndefined({
    specversion: '1.0',
    source: TEST_EVENT_SOURCE,
    type,
    subject,
    time: TEST_EVENT_TIME,
    data: withoutUndefined(data),
    ...envelope,
  });
  if (Object.hasOwn(envelope, 'id')) return event;
  const digest = createHash('sha256').update(JSON.stringify(event)).digest('hex');
  return { id: `evt-${digest.slice(0, 24)}`, ...event };
}

/** A valid event of `type` on `subject`, its default `data` merged with `data`. */
export function anEventOfType<T extends ProducerEventType>(
  type: T,
  subject: string,
  data: DataOverrides<T> = {},
  envelope: EnvelopeOverrides = {},
): RawCloudEvent {
  // A copy of the defaults: a test that edits one built event's list must not change the next event built.
  return cloudEvent(type, subject, { ...structuredClone(DEFAULT_DATA[type]), ...data }, envelope);
}

/** Builds events of one type: `(subject, data?, envelope?)`. */
export type EventBuilder<T extends ProducerEventType> = (
  subject: string,
  data?: DataOverrides<T>,
  envelope?: EnvelopeOverrides,
) => RawCloudEvent;

/**
 * The project's one event builder for tests: per producer type, a valid raw CloudEvent (structured JSON mode, as a
 * producer submits it) with defaults, so that a test spells out only what it is about.
 *
 * @example
 * anEvent.laneAssigned('DEC-1', { lane: 'RED' });
 * anEvent.dutiesPaid('DEC-1', { amount: 120 }, { time: '2026-03-02T13:00:00+05:00' });
 */
export const anEvent = Object.fromEntries(
  PRODUCER_EVENT_TYPES.map((type) => [
    type.charAt(0).toLowerCase() + type.slice(1),
    (subject: string, data?: DataOverrides<typeof type>, envelope?: EnvelopeOverrides) =>
      anEventOfType(type, subject, data, envelope),
  ]),
) as { readonly [T in ProducerEventType as Uncapitalize<T>]: EventBuilder<T> };
