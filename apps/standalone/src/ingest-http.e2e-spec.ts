import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { issueAccessToken } from '@customs-pulse/auth';
import { EVENT_STORE, START, type EventStore } from '@customs-pulse/event-store';
import { anEvent } from '@customs-pulse/testing';
import { type AppUnderTest, startStandaloneForTest } from '@customs-pulse/testing/app';
import { join } from 'node:path';
import { StandaloneModule } from './standalone.module.js';

let standalone: AppUnderTest;
let store: EventStore;
/** A token of the ingest role signed with another secret than the app's. */
let forgedToken: string;

beforeAll(async () => {
  standalone = await startStandaloneForTest(StandaloneModule, { name: 'ingest-e2e' });
  store = standalone.app.get(EVENT_STORE);
  forgedToken = await issueAccessToken(new TextEncoder().encode('another-secret-that-is-32-bytes-long!!'), ['ingest']);
});

afterAll(() => standalone?.close());

/** POSTs with the ingest role's token, another token, or none (`null`). */
function post(body: string | Buffer, token: string | null = standalone.tokens.ingest): Promise<Response> {
  return fetch(`${standalone.baseUrl}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body,
  });
}

const json = (value: unknown): string => JSON.stringify(value);
const now = (): string => new Date().toISOString();

describe('POST /api/events', () => {
  describe('who may submit', () => {
    it.each([
      { who: 'no token', token: (): string | null => null, status: 401 },
      { who: 'a token signed with another secret', token: () => forgedToken, status: 401 },
      { who: 'a malformed token', token: () => 'not-a-jwt', status: 401 },
      { who: 'a valid token without the ingest role', token: () => standalone.tokens.operator, status: 403 },
    ])('answers $who with $status as problem+json', async ({ token: tokenOf, status }) => {
      const token = tokenOf();

      const response = await post(json(anEvent.goodsArrived('DEC-AUTH', {}, { time: now() })), token);

      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ type: 'about:blank', status, title: expect.any(String), detail: expect.any(String) });
    });
  });

  it('stores the valid events of a mixed batch and rejects the others, naming each problem', async () => {
    const valid = [
      anEvent.declarationLodged('DEC-MIX-1', {}, { time: now() }),
      anEvent.laneAssigned('DEC-MIX-1', { lane: 'RED' }, { time: now() }),
      anEvent.goodsArrived('DEC-MIX-2', {}, { time: now() }),
    ];
    const badLane = anEvent.laneAssigned('DEC-MIX-3', { lane: 'PURPLE' }, { time: now() });
    const before = (await store.head()).position;

    const response = await post(json([valid[0], badLane, valid[1], 42, valid[2]]));

    expect(response.status).toBe(200);
    const body = (await response.json()) as { accepted: number; duplicates: number; rejected: { index: number; id?: string; errors: { path: string; message: string }[] }[] };
    expect(body.accepted).toBe(3);
    expect(body.duplicates).toBe(0);
    expect(body.rejected).toEqual([
      { index: 1, id: badLane.id, errors: [{ path: 'data.lane', message: 'must be one of GREEN, YELLOW, RED, BLUE' }] },
      { index: 3, errors: [expect.objectContaining({ path: '' })] },
    ]);
    const stored = await store.readAll(before, 10);
    expect(stored.map((event) => event.id)).toEqual(valid.map((event) => event.id));
  });

  it('accepts one event as a bare object and normalizes its time to UTC', async () => {
    const event = anEvent.goodsArrived('DEC-ONE', {}, { time: '2026-03-01T13:00:00.000+05:00' });

    const response = await post(json(event));

    expect(await response.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const [stored] = await store.readStream('DEC-ONE');
    expect(stored?.time).toBe('2026-03-01T08:00:00.000Z');
  });

  it('reports events sent again as duplicates and a reused (source, id) with other content as a conflict', async () => {
    const first = anEvent.goodsArrived('DEC-DUP', {}, { time: now() });
    await post(json([first]));

    const response = await post(json([first, { ...first, data: { ...(first.data as object), officeId: 'UZ-OTHER' } }]));

    const body = (await response.json()) as { accepted: number; duplicates: number; rejected: { index: number; errors: { path: string; message: string }[] }[] };
    expect(body.accepted).toBe(0);
    expect(body.duplicates).toBe(1);
    expect(body.rejected).toEqual([
      { index: 1, id: first.id, errors: [{ path: 'id', message: expect.stringContaining('already stored with different content') }] },
    ]);
    expect(await store.readStream('DEC-DUP')).toHaveLength(1);
  });

  it('answers 200 even when every item is rejected, an oversized item among them', async () => {
    const oversized = anEvent.goodsArrived('DEC-BIG', { conveyanceRef: 'x'.repeat(70_000) }, { time: now() });

    const response = await post(json([oversized, 'not an event']));

    expect(response.status).toBe(200);
    const body = (await response.json()) as { accepted: number; rejected: { index: number }[] };
    expect(body.accepted).toBe(0);
    expect(body.rejected.map((rejection) => rejection.index)).toEqual([0, 1]);
  });

  it.each([
    { what: 'a body that is not JSON', body: 'not json', status: 400, detail: /not JSON/ },
    { what: 'a JSON value that is neither an object nor an array', body: '"text"', status: 400, detail: /object or an array/ },
    { what: 'an empty array', body: '[]', status: 400, detail: /empty array/ },
    { what: 'an array of more than 1,000 items', body: json(Array.from({ length: 1001 }, () => ({}))), status: 413, detail: /1001 events/ },
    { what: 'a body over 5 MiB', body: Buffer.alloc(5 * 1024 * 1024 + 1, 0x20), status: 413, detail: /over 5242880 bytes/ },
  ])('refuses $what with $status', async ({ body, status, detail }) => {
    const before = (await store.head()).position;

    const response = await post(body);

    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await response.json()) as { detail: string }).detail).toMatch(detail);
    expect((await store.head()).position).toBe(before);
  });

  it('has stored what it acknowledged: a second store on the same file reads it after the answer', async () => {
    const event = anEvent.goodsArrived('DEC-DURABLE', {}, { time: now() });
    await post(json([event]));

    const { SqliteEventStore } = await import('@customs-pulse/event-store/sqlite');
    const reader = SqliteEventStore.open({ file: join(standalone.dataDir, 'events.sqlite') });
    const all = await reader.readAll(START, 10_000);
    await reader.close();

    expect(all.some((stored) => stored.id === event.id)).toBe(true);
  });
});

describe('health', () => {
  it('is live and ready without a token', async () => {
    expect((await fetch(`${standalone.baseUrl}/health/live`)).status).toBe(200);
    const ready = await fetch(`${standalone.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', store: { position: expect.any(Number) } });
  });
});
