import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EVENT_STORE, type EventStore } from '@customs-pulse/event-store';
import { PacedClock, anEventOfType, realisticHistory, waitUntil } from '@customs-pulse/testing';
import { type AppUnderTest, ingestAccepted, startStandaloneForTest } from '@customs-pulse/testing/app';
import { StandaloneModule } from './standalone.module.js';

/** A parsed response body, compared whole. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Payload = any;

/** Weeks after the history (realistic-history.ts starts on 2026-03-01): every bucket of it is before the horizons. */
const clock = new PacedClock('2026-04-20T07:00:00.000Z');
const PARTS = 5;
const PERIOD = 'from=2026-02-28&to=2026-04-01';
let standalone: AppUnderTest;

/** What an auditor asks about the history, each answered live after a part of it was stored, and asOf that time later. */
const QUESTIONS = [
  `/api/reports/trs?${PERIOD}`,
  `/api/reports/pmm?${PERIOD}`,
  `/api/kpis/release_time_p90/series?granularity=day&${PERIOD.replace('from=2026-02-28', 'from=2026-02-28T00:00:00.000Z').replace('to=2026-04-01', 'to=2026-04-01T00:00:00.000Z')}`,
  `/api/kpis/backlog/series?granularity=hour&from=2026-03-02T00:00:00.000Z&to=2026-03-03T00:00:00.000Z`,
  '/api/declarations/DEC-7',
  '/api/declarations/DEC-420',
];

/**
 * The status and body, without the `asOf` a report echoes and the `position` it was read at: the alert rules append
 * their events to the log after a batch is projected, so an instant after the live answer may stand at a later
 * position with the same KPIs. A declaration not stored yet is a 404.
 */
async function get(path: string): Promise<Payload> {
  const response = await fetch(`${standalone.baseUrl}${path}`, { headers: { authorization: `Bearer ${standalone.tokens.auditor}` } });
  const { asOf: _asOf, position: _position, ...body } = (await response.json()) as Payload;
  return { status: response.status, body };
}

async function everythingProjected(): Promise<void> {
  const { position } = await standalone.app.get<EventStore>(EVENT_STORE).head();
  await waitUntil(`the KPI projection has applied position ${position}`, async () => {
    const ready = (await (await fetch(`${standalone.baseUrl}/health/ready`)).json()) as Payload;
    // Committed, not only applied: the observations of late events wait for their stored buckets until the commit.
    return ready.kpiProjection?.committedPosition >= position;
  });
}

/** Each part's time (after it was stored and projected, before the next), and the answers given live then. */
const asked: { at: string; answers: Payload[] }[] = [];

beforeAll(async () => {
  standalone = await startStandaloneForTest(StandaloneModule, {
    name: 'as-of-epochs-e2e',
    clock,
    // Epochs of 1,000 events over a history of a few thousand; everything let go of that can be.
    env: { AS_OF_EPOCH_EVENTS: '1000', HOURLY_BUCKETS_DAYS: '1', DAILY_BUCKETS_DAYS: '1', OPEN_MAX_DAYS: '1', CLOSED_CACHE_SIZE: '0' },
  });
  const events = realisticHistory(20261207, 700).map(({ type, subject, data, envelope }) => anEventOfType(type, subject, data, envelope));
  const part = Math.ceil(events.length / PARTS);
  for (let from = 0; from < events.length; from += part) {
    const stored = events.slice(from, from + part);
    for (let chunk = 0; chunk < stored.length; chunk += 500) await ingestAccepted(standalone, stored.slice(chunk, chunk + 500));
    await everythingProjected();
    const answers = [];
    for (const question of QUESTIONS) answers.push(await get(question));
    const at = clock.now().getTime();
    // The next part is recorded after `at`: asOf `at` must not see it.
    await waitUntil('the clock has moved on', () => clock.now().getTime() > at + 1);
    asked.push({ at: new Date(at + 1).toISOString(), answers });
  }
}, 120_000);

afterAll(() => standalone?.close());

describe('asOf over a history of several epochs (AS_OF_EPOCH_EVENTS; README, "asOf")', () => {
  it('answers every question asOf the time of each part as it was answered live then, earliest last', async () => {
    expect(asked).toHaveLength(PARTS);
    for (const { at, answers } of [...asked].reverse()) {
      for (const [index, question] of QUESTIONS.entries()) {
        const asOf = await get(`${question}${question.includes('?') ? '&' : '?'}asOf=${at}`);
        expect({ question, at, asOf }).toEqual({ question, at, asOf: answers[index] });
      }
    }
  });

  it('changes its answers from part to part: the comparison above could not pass by accident', () => {
    expect(asked.flatMap(({ answers }) => answers.slice(0, 4).map((answer: Payload) => answer.status))).toEqual(Array(PARTS * 4).fill(200));
    const trs = asked.map(({ answers }) => answers[0].body.overall.n);
    expect(new Set(trs).size).toBe(PARTS);
  });
});
