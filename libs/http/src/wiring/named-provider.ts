import { type InjectionToken, type OptionalFactoryDependency } from '@nestjs/common';

/**
 * Thrown while the app starts when a module was told, by the app, to use a provider that no module the app imports
 * provides: a push or an alert that would silently never happen fails the start instead.
 */
export class MissingProviderError extends Error {
  constructor(
    readonly owner: string,
    readonly role: string,
    readonly token: InjectionToken,
  ) {
    super(`${owner}: its ${role} ${tokenName(token)} is provided by no module the app imports; import the module that provides it`);
    this.name = 'MissingProviderError';
  }
}

/**
 * A dependency the app names in a module's options (`KpiModule.forRoot({ listeners })`), injected optionally only so
 * that {@link requireProvided} can say what is missing in the app's terms rather than in Nest's.
 */
export function namedDependency(token: InjectionToken): OptionalFactoryDependency {
  return { token, optional: true };
}

/**
 * The provider a {@link namedDependency} found.
 * @throws MissingProviderError when none was.
 */
export function requireProvided<T>(found: T | undefined, owner: string, role: string, token: InjectionToken): T {
  if (found === undefined || found === null) throw new MissingProviderError(owner, role, token);
  return found;
}

function tokenName(token: InjectionToken): string {
  return typeof token === 'function' ? token.name : String(token);
}
