import { ConfigError, configDefault } from '@customs-pulse/config';
import { LOG_LEVELS, type LogLevel } from '@nestjs/common';

/** How log lines are written: one JSON object per line for a log collector, or Nest's coloured text for a terminal. */
export type LogFormat = 'json' | 'text';

/** What an app logs and how, from `LOG_FORMAT` and `LOG_LEVEL`. */
export interface LogSettings {
  readonly format: LogFormat;
  /** The levels written: `LOG_LEVEL` and every more severe one. */
  readonly levels: readonly LogLevel[];
}

const FORMATS: readonly LogFormat[] = ['json', 'text'];

/**
 * Reads `LOG_FORMAT` (`json` or `text`) and `LOG_LEVEL` (the least severe level written, of Nest's `verbose`, `debug`,
 * `log`, `warn`, `error`, `fatal`). Read here rather than by `loadConfig` because the logger must exist before the
 * configuration is loaded, to report what is wrong with it; their defaults are the catalogue's (`json`, `log`), as
 * for every variable.
 * @throws ConfigError naming the variable whose value is not one of those.
 */
export function logSettingsFrom(env: Readonly<Record<string, string | undefined>> = process.env): LogSettings {
  const format = valueOf(env, 'LOG_FORMAT') ?? configDefault('LOG_FORMAT');
  if (!(FORMATS as readonly string[]).includes(format)) throw notOneOf('LOG_FORMAT', FORMATS, format);
  const level = valueOf(env, 'LOG_LEVEL') ?? configDefault('LOG_LEVEL');
  const threshold = (LOG_LEVELS as readonly string[]).indexOf(level);
  if (threshold === -1) throw notOneOf('LOG_LEVEL', LOG_LEVELS, level);
  return { format: format as LogFormat, levels: LOG_LEVELS.slice(threshold) };
}

function valueOf(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function notOneOf(name: string, allowed: readonly string[], value: string): ConfigError {
  return new ConfigError(name, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
}
