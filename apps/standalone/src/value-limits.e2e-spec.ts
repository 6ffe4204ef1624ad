import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EVENT_STORE, type EventStore } from '@customs-pulse/event-store';
import { anEvent } from '@customs-pulse/testing';
import { type AppUnderTest, startStandaloneForTest } from '@customs-pulse/testing/app';
import { StandaloneModule } from './standalone.module.js';

let standalone: AppUnderTest;
let store: EventStore;

beforeAll(async () => {
  standalone = await startStandaloneForTest(StandaloneModule, { name: 'limits-e2e' });
  store = standalone.app.get(EVENT_STORE);
});

afterAll(() => standalone?.close());

function post(body: string | Uint8Array): Promise<Response> {
  return fetch(`${standalone.baseUrl}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${standalone.tokens.ingest}` },
    body,
  });
}

const now = (): string => new Date().toISOString();

describe('POST /api/events and the limits on values (events.md v1.1)', () => {
  it('refuses a body that is not valid UTF-8 with a 400 problem naming it, and stores nothing', async () => {
    const event = JSON.stringify(anEvent.goodsArrived('DEC-UTF8', { officeId: 'OFFICE-#' }, { time: now() }));
    const bytes = Buffer.from(event, 'utf8');
    // 0xFF never occurs in UTF-8.
    bytes[bytes.indexOf('#')] = 0xff;
    const before = (await store.head()).position;

    const response = await post(bytes);

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 400, detail: 'the body is not valid UTF-8' });
    expect((await store.head()).position).toBe(before);
  });

  it('stores the good event of a batch whose other event breaks a limit, and names the reason', async () => {
    const good = anEvent.dutiesPaid('DEC-LIMITS-1', { amount: 1e12 }, { time: now() });
    const bad = anEvent.goodsArrived('DEC-LIMITS-2', { officeId: 'OFFICE\u0000', conveyanceRef: 'C'.repeat(129) }, { time: now() });
    const before = (await store.head()).position;

    const response = await post(JSON.stringify([bad, good]));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [
        {
          index: 0,
          id: bad.id,
          errors: expect.arrayContaining([
            { path: 'data.officeId', message: 'holds the control character U+0000 (U+0000 to U+001F and U+007F are refused)' },
            { path: 'data.conveyanceRef', message: 'must be a string of 1 to 128 characters' },
          ]),
        },
      ],
    });
    expect((await store.readAll(before, 10)).map((event) => event.id)).toEqual([good.id]);
  });
});
