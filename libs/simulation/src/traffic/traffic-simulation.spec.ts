import { describe, expect, it } from '@jest/globals';
import { type SimulatedEvent } from '../events/simulated-event.js';
import { TrafficSimulation, type TrafficOptions } from './traffic-simulation.js';

const START = Date.parse('2026-03-10T06:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function sample(options: Partial<TrafficOptions>, until: number): SimulatedEvent[] {
  const traffic = new TrafficSimulation({ seed: 7, start: START, rate: 5, days: 0.25, ...options });
  return traffic.takeDue(until, Infinity);
}

/** A stream with its run tag and its times taken out: what two runs of one seed at different starts share. */
function shape(events: readonly SimulatedEvent[], tag: string, start: number): string[] {
  return events.map(({ event, dueAt, kind, incident }) => {
    const time = Date.parse(String(event['time'])) - start;
    return JSON.stringify({ ...event, time, dueAt: dueAt - start, kind, incident }).replaceAll(tag, '<tag>');
  });
}

describe('TrafficSimulation', () => {
  it('gives the same events, ids and times included, for the same seed and start', () => {
    const first = sample({ incidents: [{ kind: 'seizure-spike', afterSeconds: 60 }] }, START + HOUR);
    const second = sample({ incidents: [{ kind: 'seizure-spike', afterSeconds: 60 }] }, START + HOUR);

    expect(first.length).toBeGreaterThan(5_000);
    // Compared as JSON lines: the same assertion as toEqual, many times faster on thousands of events.
    expect(second.map((event) => JSON.stringify(event))).toEqual(first.map((event) => JSON.stringify(event)));
  });

  it('gives other events for another seed', () => {
    const ids = (events: readonly SimulatedEvent[]): unknown[] => events.slice(0, 50).map(({ event }) => event['data']);

    expect(ids(sample({ seed: 8 }, START))).not.toEqual(ids(sample({ seed: 7 }, START)));
  });

  it('gives the same traffic, shifted, for another start a whole number of days later, under another run tag', () => {
    const early = new TrafficSimulation({ seed: 7, start: START, rate: 5, days: 0.25 });
    const late = new TrafficSimulation({ seed: 7, start: START + 3 * DAY, rate: 5, days: 0.25 });

    expect(late.runTag).not.toBe(early.runTag);
    expect(shape(late.takeDue(START + 3 * DAY + HOUR, Infinity), late.runTag, START + 3 * DAY)).toEqual(
      shape(early.takeDue(START + HOUR, Infinity), early.runTag, START),
    );
  });

  it('hands events over in due order, each valid one due no earlier than it happened', () => {
    const events = sample({}, START + 2 * HOUR);
    const valid = events.filter(({ kind }) => kind !== 'invalid');

    expect(valid.filter(({ event, dueAt }) => dueAt < Date.parse(String(event['time'])))).toEqual([]);
    expect(events.filter(({ dueAt }, index) => index > 0 && dueAt < events[index - 1]!.dueAt)).toEqual([]);
  });

  it('takes at most the number asked for and leaves the rest on the agenda', () => {
    const traffic = new TrafficSimulation({ seed: 7, start: START, rate: 5, days: 0.1 });

    const batch = traffic.takeDue(START, 100);

    expect(batch).toHaveLength(100);
    expect(traffic.nextDueAt()).toBeGreaterThanOrEqual(batch.at(-1)!.dueAt);
  });

  it('backfills the history over the days before the start, busier in working hours than at night', () => {
    const events = sample({ rate: 1, days: 2, historyRate: 0.2 }, START - 1);
    const localHour = (dueAt: number): number => new Date(dueAt + 5 * HOUR).getUTCHours();
    const inHours = (from: number, to: number): number => events.filter(({ dueAt }) => localHour(dueAt) >= from && localHour(dueAt) < to).length;

    // 0.2 events/s over 2 days, less the last journeys' events that fall after the start.
    expect(events.length).toBeGreaterThan(0.85 * 0.2 * 2 * 86_400);
    expect(events.length).toBeLessThan(1.05 * 0.2 * 2 * 86_400);
    expect(events[0]!.dueAt).toBeLessThan(START - 1.95 * DAY);
    expect(inHours(10, 16)).toBeGreaterThan(3 * inHours(0, 6));
  });

  it('reaches the live rate once declarations are under way', () => {
    const rate = 0.5;
    const events = sample({ rate, days: 0 }, START + 24 * HOUR);
    const perSecond = (from: number, to: number): number => events.filter(({ dueAt }) => dueAt >= from && dueAt < to).length / ((to - from) / 1000);

    // Within the first hour, only the declarations' first events have come; their releases and exits follow.
    expect(perSecond(START, START + HOUR)).toBeGreaterThan(0.5 * rate);
    expect(perSecond(START + 18 * HOUR, START + 24 * HOUR)).toBeGreaterThan(0.92 * rate);
    expect(perSecond(START + 18 * HOUR, START + 24 * HOUR)).toBeLessThan(1.08 * rate);
  });

  it('names events and aggregates after the run, and never reuses an id but in a duplicate or a conflict', () => {
    const traffic = new TrafficSimulation({ seed: 7, start: START, rate: 5, days: 0.25 });
    const events = traffic.takeDue(START + HOUR, Infinity);
    const originals = events.filter(({ kind }) => kind === 'original' || kind === 'invalid');
    const keys = new Set(originals.map(({ event }) => `${String(event['source'])} ${String(event['id'])}`));

    expect(keys.size).toBe(originals.length);
    const id = new RegExp(`^${traffic.runTag}-\\d{9}$`);
    expect(originals.map(({ event }) => String(event['id'])).filter((eventId) => !id.test(eventId))).toEqual([]);
    const subject = new RegExp(`^(UZ-[A-Z]{3}|SZ|OC|PCA)-${traffic.runTag}-\\d+$`);
    const subjects = new Set(events.filter(({ kind }) => kind === 'original').map(({ event }) => String(event['subject'])));
    expect([...subjects].filter((name) => !subject.test(name))).toEqual([]);
  });

  it('refuses an incident at an office it does not simulate', () => {
    expect(() => new TrafficSimulation({ seed: 1, start: START, rate: 1, offices: 2, incidents: [{ kind: 'office-slowdown', officeId: 'UZ-KAR', afterSeconds: 0 }] })).toThrow(
      /UZ-KAR is not simulated; the offices are UZ-TAS, UZ-SAM/,
    );
  });
});
