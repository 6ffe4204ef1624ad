/**
 * What a token must satisfy beyond its HS256 signature (api.md, "Who may do what"): an `exp` at most
 * {@link AccessTokenPolicy.maxTokenHours} after its `iat`, and the issuer and audience when they are configured.
 */
export interface AccessTokenPolicy {
  /**
   * `AUTH_MAX_TOKEN_HOURS`: the longest a token may be valid, from its `iat` to its `exp`. A token without `iat`, or
   * with one in the future, is measured from now instead, so leaving out or moving `iat` cannot lengthen it.
   * @defaultValue 24
   */
  readonly maxTokenHours: number;
  /** `AUTH_ISSUER`: the `iss` every token must carry; not checked when undefined. */
  readonly issuer?: string | undefined;
  /** `AUTH_AUDIENCE`: an `aud` every token must carry (one of its values); not checked when undefined. */
  readonly audience?: string | undefined;
}

/** api.md's defaults: tokens valid for at most 24 hours, issuer and audience not checked. */
export const DEFAULT_ACCESS_TOKEN_POLICY: AccessTokenPolicy = { maxTokenHours: 24 };

/** DI token for the {@link AccessTokenPolicy} of the app (AuthModule provides it). */
export const ACCESS_TOKEN_POLICY = Symbol('AccessTokenPolicy');

/**
 * A lifetime for `issueAccessToken` (`'<seconds>s'`): `preferredHours`, shortened to what `policy` accepts, so that the
 * tokens this system mints itself (the demo's, the simulator's) are never refused for living too long.
 */
export function lifetimeWithin(policy: Pick<AccessTokenPolicy, 'maxTokenHours'>, preferredHours: number): string {
  return `${Math.floor(Math.min(preferredHours, policy.maxTokenHours) * 3600)}s`;
}
