import { type AccessTokenPolicy, DEFAULT_ACCESS_TOKEN_POLICY, type Principal, grants, verifyAccessToken } from '@customs-pulse/auth';

/** Who a live connection belongs to, as its handshake token says. */
export interface LiveClient {
  readonly subject: string | undefined;
  /** Holds the role `risk`: gets alert pushes. */
  readonly risk: boolean;
  /** When its token expires, and the connection is closed. */
  readonly expiresAt: Date;
}

/**
 * Why a live connection is refused. socket.io hands the client `message` and `data` in its `connect_error`;
 * `data.status` is what the same request over HTTP would have been answered with.
 */
export class LiveRefusal extends Error {
  override readonly name = 'LiveRefusal';
  readonly data: { readonly status: 401 | 403 | 503 };

  constructor(status: 401 | 403 | 503, message: string) {
    super(message);
    this.data = { status };
  }
}

/**
 * Admits a client whose handshake carries, as `auth.token`, a JWT granting the role `operator` (api.md: the same
 * token as over HTTP, checked against the same `policy`). @throws LiveRefusal without a valid token (401) or without
 * the role (403)
 */
export async function admitLiveClient(
  auth: unknown,
  secret: Uint8Array,
  policy: AccessTokenPolicy = DEFAULT_ACCESS_TOKEN_POLICY,
): Promise<LiveClient> {
  const token = typeof auth === 'object' && auth !== null ? (auth as { readonly token?: unknown }).token : undefined;
  if (typeof token !== 'string' || token === '') throw new LiveRefusal(401, 'a JWT is required as auth.token in the handshake');
  let principal: Principal;
  try {
    principal = await verifyAccessToken(token, secret, policy);
  } catch (error) {
    // verifyAccessToken answers every failure with a reason fit for the client: expired, or not a valid token.
    throw new LiveRefusal(401, error instanceof Error ? error.message : 'the token is not valid');
  }
  if (!grants(principal.roles, 'operator')) throw new LiveRefusal(403, 'the role operator is required for live push');
  return { subject: principal.subject, risk: grants(principal.roles, 'risk'), expiresAt: principal.expiresAt };
}
