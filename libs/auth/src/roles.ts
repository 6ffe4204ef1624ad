/** The roles of api.md, "Who may do what". */
export const ROLES = ['ingest', 'operator', 'risk', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may do everything another role may (api.md: risk and auditor may everything operator may). */
const INCLUDES: Readonly<Record<Role, readonly Role[]>> = {
  ingest: [],
  operator: [],
  risk: ['operator'],
  auditor: ['operator'],
  admin: [],
};

/** True when a principal holding `held` may do what `required` allows. */
export function grants(held: readonly string[], required: Role): boolean {
  return held.some((role) => role === required || (INCLUDES[role as Role] ?? []).includes(required));
}
