import { beforeAll, describe, expect, it } from '@jest/globals';
import { type Clock, validateEvent, type ValidationProblem } from '@customs-pulse/domain';
import { TrafficSimulation } from '../traffic/traffic-simulation.js';
import { type SimulatedEvent } from './simulated-event.js';

const START = Date.parse('2026-03-10T06:00:00.000Z');
const REPORTING_CURRENCY = 'USD';

/** The ingest contract as the server applies it when the event arrives: the clock is the moment it is sent. */
function validateWhenSent({ event, dueAt }: SimulatedEvent) {
  const clock: Clock = { now: () => new Date(dueAt) } as Clock;
  return validateEvent(event, { clock, reportingCurrency: REPORTING_CURRENCY });
}

let events: SimulatedEvent[];

beforeAll(() => {
  const traffic = new TrafficSimulation({ seed: 5, start: START, rate: 2, days: 1, historyRate: 0.5, reportingCurrency: REPORTING_CURRENCY });
  events = traffic.takeDue(START + 2 * 3_600_000, Infinity);
});

const ofKind = (kind: SimulatedEvent['kind']): SimulatedEvent[] => events.filter((event) => event.kind === kind);

describe('simulated events against the ingest contract (validateEvent)', () => {
  it('are valid, originals, duplicates and conflicts alike, when they are sent', () => {
    const refused = events
      .filter(({ kind }) => kind !== 'invalid')
      .map((event) => ({ event: event.event, validation: validateWhenSent(event) }))
      .filter(({ validation }) => !validation.ok);

    expect(refused).toEqual([]);
  });

  it('include a few malformed ones, about 0.2 %, each of which is rejected', () => {
    const invalid = ofKind('invalid');

    expect(invalid.length).toBeGreaterThan(0.001 * events.length);
    expect(invalid.length).toBeLessThan(0.004 * events.length);
    expect(invalid.filter((event) => validateWhenSent(event).ok)).toEqual([]);
  });

  it('make many kinds of mistake: types, fields, enumerations, amounts, currencies, times, subjects, versions', () => {
    const problems = new Set(
      ofKind('invalid').flatMap((event) => {
        const validation = validateWhenSent(event);
        return validation.ok ? [] : validation.errors.map((problem: ValidationProblem) => problem.path.replace(/^data\..*/, 'data.<field>'));
      }),
    );

    expect([...problems]).toEqual(expect.arrayContaining(['type', 'time', 'subject', 'specversion', 'data.<field>']));
  });

  it('send some events twice, byte for byte, after the original', () => {
    const originals = new Map(ofKind('original').map(({ event, dueAt }) => [`${String(event['source'])} ${String(event['id'])}`, { event, dueAt }]));
    const duplicates = ofKind('duplicate');

    expect(duplicates.length).toBeGreaterThan(0.005 * events.length);
    for (const { event, dueAt } of duplicates) {
      const original = originals.get(`${String(event['source'])} ${String(event['id'])}`);
      expect(original?.event).toBe(event);
      expect(dueAt).toBeGreaterThanOrEqual(original!.dueAt);
    }
  });

  it('reuse an id with another time now and then, after the original: a conflict ingest rejects', () => {
    const originals = new Map(ofKind('original').map(({ event, dueAt }) => [`${String(event['source'])} ${String(event['id'])}`, { event, dueAt }]));
    const conflicts = ofKind('conflict');

    expect(conflicts.length).toBeGreaterThan(0);
    for (const { event, dueAt } of conflicts) {
      const original = originals.get(`${String(event['source'])} ${String(event['id'])}`)!;
      expect({ ...event, time: original.event['time'] }).toEqual(original.event);
      expect(Date.parse(String(event['time']))).not.toBe(Date.parse(String(original.event['time'])));
      expect(dueAt).toBeGreaterThan(original.dueAt);
    }
  });

  it('send some events late, well after they happened', () => {
    const late = ofKind('original').filter(({ event, dueAt }) => dueAt - Date.parse(String(event['time'])) > 5 * 60_000);

    expect(late.length).toBeGreaterThan(0.01 * events.length);
  });

  it('write the clearance system’s times at +05:00 and the others’ in UTC', () => {
    const offsets = new Set(ofKind('original').map(({ event }) => `${String(event['source'])} ${String(event['time']).slice(23)}`));

    expect([...offsets].sort()).toEqual([
      'urn:customs:uz:asycuda +05:00',
      'urn:customs:uz:e-payment Z',
      'urn:customs:uz:enforcement Z',
      'urn:customs:uz:pca Z',
    ]);
  });
});
