import { type AccessTokenPolicy, issueAccessToken, lifetimeWithin, ROLES, type Role } from '@customs-pulse/auth';
import { randomBytes } from 'node:crypto';

/** How long the demo's tokens are valid, unless `AUTH_MAX_TOKEN_HOURS` allows less. */
const DEMO_TOKEN_HOURS = 12;

/**
 * The demo must be usable at once: without `AUTH_JWT_SECRET` it makes a secret for this run and mints a token for
 * each role (api.md), which the app's token policy accepts: `exp` within it, `iss` and `aud` when configured. Tokens
 * from such a run stop working when the process restarts, or after 12 hours.
 */
export async function demoAccess(
  configuredSecret: string | undefined,
  policy: AccessTokenPolicy,
): Promise<{ secret: string; generated: boolean; tokens: Record<Role, string> }> {
  const secret = configuredSecret ?? randomBytes(32).toString('base64url');
  const key = new TextEncoder().encode(secret);
  const options = { expiresIn: lifetimeWithin(policy, DEMO_TOKEN_HOURS), issuer: policy.issuer, audience: policy.audience };
  const entries = await Promise.all(ROLES.map(async (role) => [role, await issueAccessToken(key, [role], options)] as const));
  return { secret, generated: configuredSecret === undefined, tokens: Object.fromEntries(entries) as Record<Role, string> };
}
