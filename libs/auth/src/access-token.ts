import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { type AccessTokenPolicy, DEFAULT_ACCESS_TOKEN_POLICY } from './access-token-policy.js';
import { ROLES, type Role } from './roles.js';

/** Who made a request, as its verified token says. */
export interface Principal {
  readonly subject: string | undefined;
  readonly roles: readonly Role[];
  /** When the token expires (its `exp`): a live connection is closed then. */
  readonly expiresAt: Date;
}

/** The token is missing, malformed, badly signed, expired, or outside the {@link AccessTokenPolicy}: answered 401. */
export class InvalidAccessTokenError extends Error {
  override readonly name = 'InvalidAccessTokenError';
}

/** Why a token was refused, in words fit for the client. */
function refusalReason(error: unknown, policy: AccessTokenPolicy): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'exp') return 'the token must carry exp, its expiry time';
    if (error.claim === 'iss') return `the token must be issued by ${policy.issuer} (iss)`;
    if (error.claim === 'aud') return `the token must be meant for ${policy.audience} (aud)`;
  }
  if (error instanceof InvalidAccessTokenError) return error.message;
  return 'the token is not a valid HS256 JWT for this server';
}

/**
 * Refuses a token valid for longer than the policy allows. It is measured from its `iat`, unless that is missing or in
 * the future (either would let a token outlive the limit), then from now.
 */
function checkLifetime(payload: JWTPayload, policy: AccessTokenPolicy, nowSeconds: number): void {
  const issuedAt = typeof payload.iat === 'number' && payload.iat <= nowSeconds ? payload.iat : nowSeconds;
  // jwtVerify has checked that exp is a number, given requiredClaims.
  if (payload.exp! - issuedAt > policy.maxTokenHours * 3600) {
    throw new InvalidAccessTokenError(`the token must expire at most ${policy.maxTokenHours} hours after it is issued (exp - iat)`);
  }
}

/**
 * Verifies an HS256 JWT signed with `secret` against `policy` (`exp` required and bounded, `iss` and `aud` when
 * configured) and reads its `roles` claim (api.md). Unknown role names are ignored rather than rejected, so a token
 * minted for a newer version still grants what this one knows.
 * @throws InvalidAccessTokenError with the reason, fit for the client
 */
export async function verifyAccessToken(
  token: string,
  secret: Uint8Array,
  policy: AccessTokenPolicy = DEFAULT_ACCESS_TOKEN_POLICY,
): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      ...(policy.issuer === undefined ? {} : { issuer: policy.issuer }),
      ...(policy.audience === undefined ? {} : { audience: policy.audience }),
    });
    checkLifetime(payload, policy, Math.floor(Date.now() / 1000));
    const claimed = Array.isArray(payload.roles) ? payload.roles : [];
    return {
      subject: payload.sub,
      roles: claimed.filter((role): role is Role => (ROLES as readonly unknown[]).includes(role)),
      expiresAt: new Date(payload.exp! * 1000),
    };
  } catch (error) {
    throw new InvalidAccessTokenError(refusalReason(error, policy), { cause: error });
  }
}

/** Options of {@link issueAccessToken}. */
export interface IssueAccessTokenOptions {
  /** @defaultValue `demo-<roles>` */
  readonly subject?: string;
  /** How long the token is valid, in jose's form (`'12h'`, `'90s'`); every token carries `exp`. @defaultValue `'12h'` */
  readonly expiresIn?: string;
  /** `iss`, for a server with `AUTH_ISSUER`. */
  readonly issuer?: string | undefined;
  /** `aud`, for a server with `AUTH_AUDIENCE`. */
  readonly audience?: string | undefined;
}

/** Mints a token, for the demo's printed tokens, the simulator and tests. */
export async function issueAccessToken(secret: Uint8Array, roles: readonly Role[], options: IssueAccessTokenOptions = {}): Promise<string> {
  const jwt = new SignJWT({ roles: [...roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.subject ?? `demo-${roles.join('-')}`)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h');
  if (options.issuer !== undefined) jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt.setAudience(options.audience);
  return jwt.sign(secret);
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
