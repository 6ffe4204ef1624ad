/** Where the token stays for the tab's life: gone when the tab closes, never shared with other tabs. */
const TOKEN_KEY = 'customs-pulse.token';

/** The signed-in token, or null. */
export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Roles that include others (api.md: risk and auditor may everything operator may). */
const INCLUDES: Readonly<Record<string, readonly string[]>> = { risk: ['operator'], auditor: ['operator'] };

/**
 * The `roles` claim of a JWT, read without verifying it: only to choose which views to show. The server checks the
 * signature on every request, so a forged claim shows a view whose requests are refused.
 */
export function rolesOf(token: string): string[] {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const roles = (JSON.parse(json) as { roles?: unknown }).roles;
    return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [];
  } catch {
    return [];
  }
}

/** Whether `held` grants `required`, directly or through a role that includes it. */
export function grants(held: readonly string[], required: string): boolean {
  return held.some((role) => role === required || (INCLUDES[role] ?? []).includes(required));
}
