import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { ROLES, type Role } from './roles.js';

/** Who made a request, as its verified token says. */
export interface Principal {
  readonly subject: string | undefined;
  readonly roles: readonly Role[];
}

/** The token is missing, malformed, badly signed or expired: answered 401. */
export class InvalidAccessTokenError extends Error {
  override readonly name = 'InvalidAccessTokenError';
}

/**
 * Verifies an HS256 JWT signed with `secret` and reads its `roles` claim (api.md). Unknown role names are ignored
 * rather than rejected, so a token minted for a newer version still grants what this one knows.
 */
export async function verifyAccessToken(token: string, secret: Uint8Array): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
    const claimed = Array.isArray(payload.roles) ? payload.roles : [];
    return {
      subject: payload.sub,
      roles: claimed.filter((role): role is Role => (ROLES as readonly unknown[]).includes(role)),
    };
  } catch (error) {
    const reason =
      error instanceof joseErrors.JWTExpired ? 'the token has expired' : 'the token is not a valid HS256 JWT for this server';
    throw new InvalidAccessTokenError(reason, { cause: error });
  }
}

/** Mints a token, for the demo's printed tokens and for tests. */
export async function issueAccessToken(
  secret: Uint8Array,
  roles: readonly Role[],
  options: { subject?: string; expiresIn?: string } = {},
): Promise<string> {
  return new SignJWT({ roles: [...roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.subject ?? `demo-${roles.join('-')}`)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h')
    .sign(secret);
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
