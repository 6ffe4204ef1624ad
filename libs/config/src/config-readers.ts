import { ConfigError } from './config-error.js';
import { configDefault, type ConfigVariableName, type DefaultedConfigVariableName } from './config-variables.js';

/** The environment `loadConfig` reads: `process.env`, or a plain object in tests. */
export type Environment = Readonly<Record<string, string | undefined>>;

// Each reader takes a catalogued name only, and a defaulted reader the catalogue's default: a variable outside
// CONFIG_VARIABLES cannot be read, and a default cannot differ from the one the README shows.

/** The trimmed value; undefined when unset or empty. */
export function text(env: Environment, name: ConfigVariableName): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

/** The value, or its catalogued default. */
export function textOrDefault(env: Environment, name: DefaultedConfigVariableName): string {
  return text(env, name) ?? configDefault(name);
}

/** @throws ConfigError naming the variable, with `problem`, when it is unset. */
export function required(env: Environment, name: ConfigVariableName, problem: string): string {
  const value = text(env, name);
  if (value === undefined) throw new ConfigError(name, problem);
  return value;
}

/** A whole number from `min` to `max`. */
export function integer(env: Environment, name: DefaultedConfigVariableName, min: number, max: number): number {
  const value = textOrDefault(env, name);
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return parsed;
}

/** A finite number above 0. */
export function positiveNumber(env: Environment, name: DefaultedConfigVariableName): number {
  const value = textOrDefault(env, name);
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new ConfigError(name, `must be a number above 0, got ${JSON.stringify(value)}`);
  return parsed;
}

/** A finite number >= 0. */
export function nonNegativeNumber(env: Environment, name: DefaultedConfigVariableName): number {
  const value = textOrDefault(env, name);
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new ConfigError(name, `must be a number >= 0, got ${JSON.stringify(value)}`);
  return parsed;
}

/** One of `allowed`; `fallback` when unset (the catalogued default, or one that depends on another variable). */
export function oneOf<T extends string>(env: Environment, name: ConfigVariableName, allowed: readonly T[], fallback: string): T {
  const value = text(env, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

/** On or off: `1`, `true`, `yes`, `on` or `0`, `false`, `no`, `off`. */
export function flag(env: Environment, name: DefaultedConfigVariableName): boolean {
  const value = textOrDefault(env, name).toLowerCase();
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  throw new ConfigError(name, `must be 1 or 0 (or true, false, yes, no, on, off), got ${JSON.stringify(value)}`);
}

/** A secret of at least 32 bytes; undefined when unset. */
export function secret(env: Environment, name: ConfigVariableName): string | undefined {
  const value = text(env, name);
  // HS256 with a short secret can be brute-forced offline from any token.
  if (value !== undefined && Buffer.byteLength(value) < 32) throw new ConfigError(name, 'must be at least 32 bytes');
  return value;
}

/** An ISO 4217 code. */
export function currency(env: Environment, name: DefaultedConfigVariableName): string {
  const value = textOrDefault(env, name);
  if (!/^[A-Z]{3}$/.test(value)) throw new ConfigError(name, `must be an ISO 4217 code such as USD, got ${JSON.stringify(value)}`);
  return value;
}
