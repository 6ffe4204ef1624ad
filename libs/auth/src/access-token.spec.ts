import { describe, expect, it } from '@jest/globals';
import { SignJWT, UnsecuredJWT } from 'jose';
import { bearerToken, InvalidAccessTokenError, issueAccessToken, verifyAccessToken } from './access-token.js';

const secret = new TextEncoder().encode('a-test-secret-of-at-least-32-bytes!!');

describe('verifyAccessToken', () => {
  it('reads the roles of a token it issued', async () => {
    const token = await issueAccessToken(secret, ['risk'], { subject: 'officer-7' });

    await expect(verifyAccessToken(token, secret)).resolves.toEqual({ subject: 'officer-7', roles: ['risk'], expiresAt: expect.any(Date) });
  });

  it('keeps only the roles it knows', async () => {
    const token = await new SignJWT({ roles: ['operator', 'root', 42] }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(secret);

    await expect(verifyAccessToken(token, secret)).resolves.toMatchObject({ roles: ['operator'] });
  });

  it.each([
    ['signed with another secret', () => issueAccessToken(new TextEncoder().encode('x'.repeat(40)), ['ingest']), /not a valid HS256 JWT/],
    ['expired', () => new SignJWT({ roles: ['ingest'] }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(secret), /expired/],
    ['unsigned (alg none)', async () => new UnsecuredJWT({ roles: ['ingest'] }).encode(), /not a valid HS256 JWT/],
    ['not a JWT at all', async () => 'garbage', /not a valid HS256 JWT/],
  ])('rejects a token %s', async (_case, makeToken, reason) => {
    const verification = verifyAccessToken(await makeToken(), secret);

    await expect(verification).rejects.toBeInstanceOf(InvalidAccessTokenError);
    await expect(verification).rejects.toThrow(reason);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc', 'abc'],
    ['Basic dXNlcjpwYXNz', undefined],
    ['Bearer', undefined],
    [undefined, undefined],
  ])('reads %p as %p', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
