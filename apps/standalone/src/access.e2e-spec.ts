import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { issueAccessToken, type Role } from '@customs-pulse/auth';
import { loadConfig } from '@customs-pulse/config';
import { createHttpApp } from '@customs-pulse/http';
import type { INestApplication } from '@nestjs/common';
import { SignJWT } from 'jose';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { StandaloneModule } from './standalone.module.js';

const secret = 'e2e-secret-that-is-at-least-32-bytes-long';
const key = new TextEncoder().encode(secret);
const ISSUER = 'urn:customs:uz:idp';
const AUDIENCE = 'customs-pulse';
const dataDir = mkdtempSync(join(tmpdir(), 'customs-pulse-access-e2e-'));
const dashboardDir = join(dataDir, 'dashboard');
let app: INestApplication;
let baseUrl: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  // A stand-in for the built page, so its static files are served without a Vite build.
  mkdirSync(join(dashboardDir, 'assets'), { recursive: true });
  writeFileSync(join(dashboardDir, 'index.html'), '<!doctype html><title>Customs Pulse</title>');
  writeFileSync(join(dashboardDir, 'assets', 'index-abc123.js'), 'export {};');
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE });
  app = await createHttpApp(StandaloneModule.forRoot(config, secret, { dashboardDir }), { logger: ['warn', 'error'] });
  await app.listen(0, '127.0.0.1');
  baseUrl = await app.getUrl();
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A token this server accepts: its issuer and audience, `exp` within 24 hours. */
function validToken(roles: readonly Role[], expiresIn = '1h'): Promise<string> {
  return issueAccessToken(key, roles, { issuer: ISSUER, audience: AUDIENCE, expiresIn });
}

function get(path: string, token?: string): Promise<Response> {
  return fetch(`${baseUrl}${path}`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
}

describe('security headers (api.md): on every HTTP answer', () => {
  it.each([
    ['an API answer', '/api/kpis', true, 200],
    ['a 401 problem', '/api/kpis', false, 401],
    ['a 404 problem of an unknown path', '/api/nothing-here', false, 404],
    ['the health probe', '/health/live', false, 200],
    ['the metrics', '/metrics', false, 200],
    ['the dashboard page', '/', false, 200],
    ['a dashboard asset', '/assets/index-abc123.js', false, 200],
    ['the API docs', '/api/docs-json', false, 200],
  ])('on %s (%s)', async (_what, path, withToken, status) => {
    const response = await get(path, withToken ? await validToken(['operator']) : undefined);

    expect(response.status).toBe(status);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it("on socket.io's long-polling answers: the handshake, a message posted, and a refusal", async () => {
    const polling = `${baseUrl}/socket.io/?EIO=4&transport=polling`;
    const handshake = await fetch(polling);
    const { sid } = JSON.parse((await handshake.text()).slice(1)) as { sid: string };
    const posted = await fetch(`${polling}&sid=${sid}`, { method: 'POST', body: '40/live,{"token":"not-a-token"}' });
    const refused = await fetch(`${polling}&sid=no-such-session`);

    expect([handshake.status, posted.status, refused.status]).toEqual([200, 200, 400]);
    for (const response of [handshake, posted, refused]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});

describe('access tokens (api.md): exp required and bounded, iss and aud checked when configured', () => {
  const claims = (): Record<string, unknown> => ({ roles: ['operator'], iss: ISSUER, aud: AUDIENCE, iat: nowSeconds(), exp: nowSeconds() + 3600 });

  it.each([
    ['without exp', { exp: undefined }, 'the token must carry exp, its expiry time'],
    ['valid for 25 hours', { exp: nowSeconds() + 25 * 3600 }, 'the token must expire at most 24 hours after it is issued (exp - iat)'],
    ['of another issuer', { iss: 'urn:elsewhere' }, `the token must be issued by ${ISSUER} (iss)`],
    ['for another audience', { aud: 'another-api' }, `the token must be meant for ${AUDIENCE} (aud)`],
  ])('refuses a token %s with 401, saying why', async (_what, change, detail) => {
    const token = await new SignJWT({ ...claims(), ...change }).setProtectedHeader({ alg: 'HS256' }).sign(key);

    const response = await get('/api/kpis', token);

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: 401, detail });
  });

  it('accepts a token with exp, the issuer and the audience', async () => {
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256' }).sign(key);

    expect((await get('/api/kpis', token)).status).toBe(200);
  });
});

describe('live push (api.md): a connection is closed when its token expires', () => {
  it('disconnects a client at its token’s exp, and refuses that token when it connects again', async () => {
    const token = await validToken(['operator'], '2s');
    const socket = io(`${baseUrl}/live`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });

    const reason = await new Promise<string>((resolve) => socket.once('disconnect', resolve));

    expect(reason).toBe('io server disconnect');
    const again = io(`${baseUrl}/live`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(again);
    const refusal = await new Promise<Error>((resolve) => again.once('connect_error', resolve));
    expect(refusal.message).toBe('the token has expired');
  });
});
