import { ConsoleLogger, type LoggerService, type LogLevel } from '@nestjs/common';
import { JsonLineLogger } from './json-line-logger.js';
import { logSettingsFrom } from './log-settings.js';

/**
 * The logger of every Customs Pulse app, as `LOG_FORMAT` and `LOG_LEVEL` set it. `levels`, when given, replace
 * `LOG_LEVEL` (a test that wants warnings only); `false` silences the app.
 * @throws ConfigError naming `LOG_FORMAT` or `LOG_LEVEL` when its value is not allowed.
 */
export function appLogger(levels?: readonly LogLevel[] | false, env: Readonly<Record<string, string | undefined>> = process.env): LoggerService | false {
  if (levels === false) return false;
  const settings = logSettingsFrom(env);
  const written = levels ?? settings.levels;
  return settings.format === 'json' ? new JsonLineLogger(written) : new ConsoleLogger({ logLevels: [...written] });
}
