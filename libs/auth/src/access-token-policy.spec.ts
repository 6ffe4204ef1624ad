import { describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { type AccessTokenPolicy } from './access-token-policy.js';
import { InvalidAccessTokenError, issueAccessToken, verifyAccessToken } from './access-token.js';

const secret = new TextEncoder().encode('a-test-secret-of-at-least-32-bytes!!');
const HOUR = 3600;
const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const policy: AccessTokenPolicy = { maxTokenHours: 24 };

/** A token with exactly the claims given (beyond `roles`), none set for the test by jose. */
function tokenWith(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT({ roles: ['operator'], ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(secret);
}

async function refusalOf(token: string, withPolicy: AccessTokenPolicy = policy): Promise<unknown> {
  return verifyAccessToken(token, secret, withPolicy).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('verifyAccessToken against the token policy (api.md)', () => {
  it('refuses a token without exp, saying so', async () => {
    const refusal = await refusalOf(await tokenWith({ iat: nowSeconds() }));

    expect(refusal).toBeInstanceOf(InvalidAccessTokenError);
    expect(refusal).toMatchObject({ message: 'the token must carry exp, its expiry time' });
  });

  it('accepts exp exactly AUTH_MAX_TOKEN_HOURS after iat and refuses a second more', async () => {
    const iat = nowSeconds() - 60;

    await expect(verifyAccessToken(await tokenWith({ iat, exp: iat + 24 * HOUR }), secret, policy)).resolves.toMatchObject({
      expiresAt: new Date((iat + 24 * HOUR) * 1000),
    });
    expect(await refusalOf(await tokenWith({ iat, exp: iat + 24 * HOUR + 1 }))).toMatchObject({
      message: 'the token must expire at most 24 hours after it is issued (exp - iat)',
    });
  });

  it('follows a configured AUTH_MAX_TOKEN_HOURS', async () => {
    const iat = nowSeconds();

    expect(await refusalOf(await tokenWith({ iat, exp: iat + 2 * HOUR }), { maxTokenHours: 1 })).toBeInstanceOf(InvalidAccessTokenError);
    await expect(verifyAccessToken(await tokenWith({ iat, exp: iat + 2 * HOUR }), secret, { maxTokenHours: 2 })).resolves.toBeDefined();
  });

  it.each([
    ['without iat', {}],
    ['with an iat in the future', { iat: nowSeconds() + 20 * HOUR }],
  ])('bounds exp from now for a token %s', async (_case, iat) => {
    await expect(verifyAccessToken(await tokenWith({ ...iat, exp: nowSeconds() + 23 * HOUR }), secret, policy)).resolves.toBeDefined();
    expect(await refusalOf(await tokenWith({ ...iat, exp: nowSeconds() + 25 * HOUR }))).toBeInstanceOf(InvalidAccessTokenError);
  });

  it('checks iss when AUTH_ISSUER is set, and only then', async () => {
    const withIssuer = { maxTokenHours: 24, issuer: 'urn:customs:idp' };
    const exp = nowSeconds() + HOUR;

    await expect(verifyAccessToken(await tokenWith({ exp, iss: 'urn:customs:idp' }), secret, withIssuer)).resolves.toBeDefined();
    expect(await refusalOf(await tokenWith({ exp, iss: 'urn:elsewhere' }), withIssuer)).toMatchObject({
      message: 'the token must be issued by urn:customs:idp (iss)',
    });
    expect(await refusalOf(await tokenWith({ exp }), withIssuer)).toBeInstanceOf(InvalidAccessTokenError);
    await expect(verifyAccessToken(await tokenWith({ exp, iss: 'urn:elsewhere' }), secret, policy)).resolves.toBeDefined();
  });

  it('checks aud when AUTH_AUDIENCE is set: one of its values must be it', async () => {
    const withAudience = { maxTokenHours: 24, audience: 'customs-pulse' };
    const exp = nowSeconds() + HOUR;

    await expect(verifyAccessToken(await tokenWith({ exp, aud: ['dashboard', 'customs-pulse'] }), secret, withAudience)).resolves.toBeDefined();
    expect(await refusalOf(await tokenWith({ exp, aud: 'another-api' }), withAudience)).toMatchObject({
      message: 'the token must be meant for customs-pulse (aud)',
    });
  });

  it('issues tokens that carry exp, and iss and aud when asked, which the policy then accepts', async () => {
    const strict = { maxTokenHours: 24, issuer: 'urn:customs:idp', audience: 'customs-pulse' };
    const token = await issueAccessToken(secret, ['ingest'], { issuer: strict.issuer, audience: strict.audience });

    await expect(verifyAccessToken(token, secret, strict)).resolves.toMatchObject({ roles: ['ingest'] });
  });
});
