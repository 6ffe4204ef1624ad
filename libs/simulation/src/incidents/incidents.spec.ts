import { describe, expect, it } from '@jest/globals';
import { type IncidentKind, type SimulatedEvent } from '../events/simulated-event.js';
import { declarationFacts, HOUR, nearestRank } from '../testing/declaration-facts.js';
import { TrafficSimulation } from '../traffic/traffic-simulation.js';
import { parseIncidentPlan } from './incident-plan.js';
import { SPIKE_CATEGORIES } from './seizure-spike.js';

const START = Date.parse('2026-03-10T06:00:00.000Z');
/** The default `SEIZURE_ALERT_VALUE` and `ALERT_MIN_OBSERVATIONS` of the alert rules (kpis.md, "Alerts"). */
const SEIZURE_ALERT_VALUE = 100_000;
const MIN_OBSERVATIONS = 20;

/** A day of history and the first minutes of live traffic with one incident, `afterSeconds` after the start. */
function withIncident(kind: IncidentKind, { days = 1, afterSeconds = 30, minutes = 5 } = {}): { events: SimulatedEvent[]; officeId: string; at: number } {
  const traffic = new TrafficSimulation({ seed: 3, start: START, rate: 2, days, historyRate: 0.2, incidents: [{ kind, afterSeconds }] });
  const officeId = { 'seizure-spike': 'UZ-TAS', 'office-slowdown': 'UZ-SAM', 'lane-downgrades': 'UZ-AND' }[kind];
  return { events: traffic.takeDue(START + minutes * 60_000, Infinity), officeId, at: START + afterSeconds * 1000 };
}

/** The `current` window of kpis.md at the end of the sample: the 24 hours before it. */
const inWindow = (time: number | undefined, end: number): boolean => time !== undefined && time >= end - 24 * HOUR && time < end;

describe('incidents', () => {
  describe('office-slowdown', () => {
    it('puts the office’s release_time_p90 over its critical 96 h within minutes, on at least 20 releases', () => {
      const { events, officeId } = withIncident('office-slowdown');
      const end = START + 5 * 60_000;
      const hours = [...declarationFacts(events).values()]
        .filter((d) => d.officeId === officeId && d.arrivedAt !== undefined && d.cancelledAt === undefined && inWindow(d.releasedAt, end))
        .map((d) => (d.releasedAt! - d.arrivedAt!) / HOUR);

      expect(hours.length).toBeGreaterThanOrEqual(MIN_OBSERVATIONS);
      expect(nearestRank(hours, 0.9)).toBeGreaterThan(96);
    });

    it('alone, without history, puts release_time_mean over its critical 48 h', () => {
      const { events, officeId } = withIncident('office-slowdown', { days: 0 });
      const hours = [...declarationFacts(events).values()]
        .filter((d) => d.officeId === officeId && d.arrivedAt !== undefined && d.releasedAt !== undefined)
        .map((d) => (d.releasedAt! - d.arrivedAt!) / HOUR);

      expect(hours.length).toBeGreaterThanOrEqual(MIN_OBSERVATIONS);
      expect(hours.reduce((sum, value) => sum + value, 0) / hours.length).toBeGreaterThan(48);
    });

    it('leaves the other offices alone', () => {
      const { events, officeId } = withIncident('office-slowdown');

      expect(events.filter(({ incident }) => incident === 'office-slowdown').every(({ event }) => JSON.stringify(event).includes(officeId))).toBe(true);
    });
  });

  describe('seizure-spike', () => {
    it('records seizures of drugs or weapons or worth more than SEIZURE_ALERT_VALUE, each raising an alert, within two minutes', () => {
      const { events, officeId, at } = withIncident('seizure-spike');
      const spike = events.filter(({ incident, event, kind }) => incident === 'seizure-spike' && kind === 'original' && event['type'] === 'SeizureRecorded');
      const data = spike.map(({ event }) => event['data'] as { officeId: string; category: string; estimatedValue: number });

      expect(spike).toHaveLength(SPIKE_CATEGORIES.length);
      expect(data.filter((seizure) => !['DRUGS', 'WEAPONS'].includes(seizure.category) && seizure.estimatedValue <= SEIZURE_ALERT_VALUE)).toEqual([]);
      expect(data.every((seizure) => seizure.officeId === officeId)).toBe(true);
      const times = spike.map(({ event }) => Date.parse(String(event['time'])));
      expect(Math.min(...times)).toBeGreaterThanOrEqual(at);
      expect(Math.max(...times)).toBeLessThan(at + 2 * 60_000);
    });
  });

  describe('lane-downgrades', () => {
    it('sends RED to GREEN reroutes, each raising an alert, within two minutes of the incident', () => {
      const { events, officeId, at } = withIncident('lane-downgrades');
      const redToGreen = events.filter(({ event, kind }) => {
        const data = event['data'] as { fromLane?: string; toLane?: string };
        return kind === 'original' && event['type'] === 'LaneRerouted' && data.fromLane === 'RED' && data.toLane === 'GREEN' && String(event['subject']).startsWith(officeId);
      });

      expect(redToGreen.length).toBeGreaterThanOrEqual(7);
      expect(redToGreen.filter(({ dueAt }) => dueAt >= at && dueAt < at + 2 * 60_000).length).toBeGreaterThanOrEqual(7);
    });

    it('puts the office’s lane_downgrade_rate over its critical 5 % on at least 20 declarations', () => {
      const { events, officeId } = withIncident('lane-downgrades');
      const end = START + 5 * 60_000;
      const laned = [...declarationFacts(events).values()].filter((d) => d.officeId === officeId && inWindow(d.laneAssignedAt, end));

      expect(laned.length).toBeGreaterThanOrEqual(MIN_OBSERVATIONS);
      expect(laned.filter((d) => d.downgraded).length / laned.length).toBeGreaterThan(0.05);
    });
  });

  it('starts when asked, not before', () => {
    const { events, at } = withIncident('seizure-spike', { afterSeconds: 120 });

    const first = Math.min(...events.filter(({ incident }) => incident === 'seizure-spike').map(({ dueAt }) => dueAt));

    expect(first).toBeGreaterThanOrEqual(at);
  });
});

describe('parseIncidentPlan', () => {
  it('reads a kind, an optional office and an optional delay in seconds', () => {
    expect(parseIncidentPlan('office-slowdown')).toEqual({ kind: 'office-slowdown', afterSeconds: 0 });
    expect(parseIncidentPlan('seizure-spike:UZ-TAS')).toEqual({ kind: 'seizure-spike', officeId: 'UZ-TAS', afterSeconds: 0 });
    expect(parseIncidentPlan(' lane-downgrades:UZ-AND@90 ')).toEqual({ kind: 'lane-downgrades', officeId: 'UZ-AND', afterSeconds: 90 });
  });

  it.each(['earthquake', 'office-slowdown@soon', 'seizure-spike:', ''])('refuses %p, naming the kinds', (text) => {
    expect(() => parseIncidentPlan(text)).toThrow(/one of office-slowdown, seizure-spike, lane-downgrades/);
  });
});
