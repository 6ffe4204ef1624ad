import type { EventToAppend } from '../recorded-event.js';

let counter = 0;

/** A realistic clearance event for store-level tests; `n` makes its id and data distinct. */
export function clearanceEvent(subject: string, overrides: Partial<EventToAppend> = {}): EventToAppend {
  counter += 1;
  return {
    id: `evt-${counter}`,
    source: 'urn:customs:test:asycuda',
    type: 'LaneAssigned',
    subject,
    time: '2026-03-01T08:15:00.000Z',
    data: { lane: 'GREEN', basis: 'CRITERIA', riskScore: 0.12, profileIds: ['P-7'] },
    extensions: {},
    ...overrides,
  };
}

/** `count` distinct events for one subject. */
export function clearanceEvents(subject: string, count: number): EventToAppend[] {
  return Array.from({ length: count }, () => clearanceEvent(subject));
}
