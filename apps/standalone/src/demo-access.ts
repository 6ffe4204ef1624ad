import { issueAccessToken, ROLES, type Role } from '@customs-pulse/auth';
import { randomBytes } from 'node:crypto';

/**
 * The demo must be usable at once: without `AUTH_JWT_SECRET` it makes a secret for this run and mints a token for
 * each role (api.md). Tokens from such a run stop working when the process restarts.
 */
export async function demoAccess(configuredSecret: string | undefined): Promise<{ secret: string; generated: boolean; tokens: Record<Role, string> }> {
  const secret = configuredSecret ?? randomBytes(32).toString('base64url');
  const key = new TextEncoder().encode(secret);
  const entries = await Promise.all(ROLES.map(async (role) => [role, await issueAccessToken(key, [role])] as const));
  return { secret, generated: configuredSecret === undefined, tokens: Object.fromEntries(entries) as Record<Role, string> };
}
