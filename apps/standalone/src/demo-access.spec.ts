import { describe, expect, it } from '@jest/globals';
import { verifyAccessToken } from '@customs-pulse/auth';
import { demoAccess } from './demo-access.js';

describe('demoAccess', () => {
  it('prints tokens the app accepts: with exp within AUTH_MAX_TOKEN_HOURS, and the configured issuer and audience', async () => {
    const policy = { maxTokenHours: 2, issuer: 'urn:customs:idp', audience: 'customs-pulse' };
    const access = await demoAccess(undefined, policy);
    const key = new TextEncoder().encode(access.secret);

    const principal = await verifyAccessToken(access.tokens.operator, key, policy);

    expect(access.generated).toBe(true);
    expect(principal.roles).toEqual(['operator']);
    expect(principal.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(2 * 3_600_000);
    expect(principal.expiresAt.getTime() - Date.now()).toBeGreaterThan(2 * 3_600_000 - 60_000);
  });

  it('keeps 12 hours when AUTH_MAX_TOKEN_HOURS allows more', async () => {
    const access = await demoAccess('a-configured-secret-of-at-least-32-bytes', { maxTokenHours: 24 });

    const principal = await verifyAccessToken(access.tokens.ingest, new TextEncoder().encode(access.secret));

    expect(access.generated).toBe(false);
    expect(Math.round((principal.expiresAt.getTime() - Date.now()) / 3_600_000)).toBe(12);
  });
});
