import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { issueAccessToken } from '@customs-pulse/auth';
import { loadConfig } from '@customs-pulse/config';
import { EVENT_STORE, type EventStore } from '@customs-pulse/event-store';
import { createHttpApp } from '@customs-pulse/http';
import { anEvent } from '@customs-pulse/testing';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StandaloneModule } from './standalone.module.js';

const secret = 'e2e-secret-that-is-at-least-32-bytes-long';
const dataDir = mkdtempSync(join(tmpdir(), 'customs-pulse-limits-e2e-'));
let app: INestApplication;
let baseUrl: string;
let store: EventStore;
let token: string;

beforeAll(async () => {
  app = await createHttpApp(StandaloneModule.forRoot(loadConfig({ DATA_DIR: dataDir, PORT: '0' }), secret), { logger: ['warn', 'error'] });
  await app.listen(0, '127.0.0.1');
  baseUrl = await app.getUrl();
  store = app.get(EVENT_STORE);
  token = await issueAccessToken(new TextEncoder().encode(secret), ['ingest']);
});

afterAll(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function post(body: string | Uint8Array): Promise<Response> {
  return fetch(`${baseUrl}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
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
