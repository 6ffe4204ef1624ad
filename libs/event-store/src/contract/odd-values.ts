import type { EventToAppend } from '../recorded-event.js';

/**
 * A value that validation refuses since v1.1 (events.md, "Limits on values") but that a store may still be given:
 * the store is the defence below validation, so it must hold such an event exactly or refuse it alone.
 */
export interface OddValue {
  /** The fields a refusal may name: a subject is also the name of the stream ingest writes it to. */
  readonly fields: readonly string[];
  readonly change: (event: EventToAppend) => EventToAppend;
}

const NUL = '\u0000';
const HIGH_SURROGATE = '\uD83D';
const LOW_SURROGATE = '\uDE00';

const inData = (key: string, value: unknown) => (event: EventToAppend): EventToAppend => ({ ...event, data: { ...event.data, [key]: value } });

/** Every odd value the contract tries, by name. */
export const ODD_VALUES = {
  'NUL in id': { fields: ['id'], change: (event) => ({ ...event, id: `${event.id}${NUL}` }) },
  'NUL in source': { fields: ['source'], change: (event) => ({ ...event, source: `${event.source}${NUL}` }) },
  'NUL in subject': { fields: ['subject', 'stream'], change: (event) => ({ ...event, subject: `${event.subject}${NUL}` }) },
  'NUL in a data key': { fields: ['data'], change: inData(`note${NUL}`, 'x') },
  'NUL in a data value': { fields: ['data.note'], change: inData('note', `a${NUL}b`) },
  'NUL in an extension': { fields: ['extensions.trace'], change: (event) => ({ ...event, extensions: { trace: `t${NUL}` } }) },
  'unpaired surrogate in id': { fields: ['id'], change: (event) => ({ ...event, id: `${event.id}${HIGH_SURROGATE}` }) },
  'unpaired surrogate in source': { fields: ['source'], change: (event) => ({ ...event, source: `${LOW_SURROGATE}${event.source}` }) },
  'unpaired surrogate in subject': { fields: ['subject', 'stream'], change: (event) => ({ ...event, subject: `${event.subject}${HIGH_SURROGATE}` }) },
  'unpaired surrogate in a data key': { fields: ['data'], change: inData(`note${LOW_SURROGATE}`, 'x') },
  'unpaired surrogate in a data value': { fields: ['data.profileIds.0'], change: inData('profileIds', [`P-${HIGH_SURROGATE}`]) },
  'a time in the UTC year 0000': { fields: ['time'], change: (event) => ({ ...event, time: '0000-12-31T23:30:00.000Z' }) },
  'a time after the year 9999': { fields: ['time'], change: (event) => ({ ...event, time: '+010000-01-01T00:00:00.000Z' }) },
  'a time without milliseconds': { fields: ['time'], change: (event) => ({ ...event, time: '2026-03-01T08:15:00Z' }) },
  'an infinite number': { fields: ['data.riskScore'], change: inData('riskScore', Number.POSITIVE_INFINITY) },
  'a Date object in data': { fields: ['data.at'], change: inData('at', new Date('2026-03-01T08:15:00.000Z')) },
} satisfies Record<string, OddValue>;

export type OddValueName = keyof typeof ODD_VALUES;

/** Refused by every store: canonical JSON, which the hash chain is made of, has no form for these. */
export const NOT_JSON: readonly OddValueName[] = ['an infinite number', 'a Date object in data'];
