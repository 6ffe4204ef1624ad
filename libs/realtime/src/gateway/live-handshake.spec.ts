import { describe, expect, it } from '@jest/globals';
import { issueAccessToken, type Role } from '@customs-pulse/auth';

import { LiveRefusal, admitLiveClient } from './live-handshake.js';

const secret = new TextEncoder().encode('a-test-secret-of-at-least-32-bytes!!');

describe('admitLiveClient (api.md: the JWT as auth.token in the handshake)', () => {
  it.each<[readonly Role[], boolean]>([
    [['operator'], false],
    [['auditor'], false],
    [['risk'], true],
    [['ingest', 'risk'], true],
  ])('admits roles %p, with alerts: %p', async (roles, risk) => {
    const token = await issueAccessToken(secret, roles, { subject: 'officer-7' });

    await expect(admitLiveClient({ token }, secret)).resolves.toEqual({ subject: 'officer-7', risk, expiresAt: expect.any(Date) });
  });

  it.each([
    ['no auth at all', () => undefined, 401, /auth\.token/],
    ['an empty token', () => ({ token: '' }), 401, /auth\.token/],
    ['a token that is not a string', () => ({ token: 42 }), 401, /auth\.token/],
    ['a token signed with another secret', async () => ({ token: await issueAccessToken(new TextEncoder().encode('y'.repeat(40)), ['operator']) }), 401, /not a valid HS256 JWT/],
    ['a token over the policy\'s AUTH_MAX_TOKEN_HOURS', async () => ({ token: await issueAccessToken(secret, ['operator'], { expiresIn: '25h' }) }), 401, /at most 24 hours/],
    ['a token without the operator role', async () => ({ token: await issueAccessToken(secret, ['ingest', 'admin']) }), 403, /role operator is required/],
  ])('refuses %s with %i', async (_case, makeAuth, status, reason) => {
    const admission = admitLiveClient(await makeAuth(), secret);

    await expect(admission).rejects.toBeInstanceOf(LiveRefusal);
    await expect(admission).rejects.toMatchObject({ data: { status } });
    await expect(admission).rejects.toThrow(reason);
  });
});
