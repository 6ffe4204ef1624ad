import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@customs-pulse/config';
import { logSettingsFrom } from './log-settings.js';

describe('logSettingsFrom', () => {
  it('writes JSON lines from level log up by default', () => {
    expect(logSettingsFrom({})).toEqual({ format: 'json', levels: ['log', 'warn', 'error', 'fatal'] });
  });

  it('takes an empty variable as unset', () => {
    expect(logSettingsFrom({ LOG_FORMAT: ' ', LOG_LEVEL: '' })).toEqual(logSettingsFrom({}));
  });

  it('writes text with LOG_FORMAT=text, and LOG_LEVEL and every more severe level', () => {
    expect(logSettingsFrom({ LOG_FORMAT: 'text', LOG_LEVEL: 'warn' })).toEqual({ format: 'text', levels: ['warn', 'error', 'fatal'] });
    expect(logSettingsFrom({ LOG_LEVEL: 'verbose' }).levels).toEqual(['verbose', 'debug', 'log', 'warn', 'error', 'fatal']);
  });

  it.each([
    { env: { LOG_FORMAT: 'xml' }, message: 'configuration LOG_FORMAT: must be one of json, text, got "xml"' },
    { env: { LOG_LEVEL: 'info' }, message: 'configuration LOG_LEVEL: must be one of verbose, debug, log, warn, error, fatal, got "info"' },
  ])('refuses $env with a ConfigError naming the variable', ({ env, message }) => {
    expect(() => logSettingsFrom(env)).toThrow(ConfigError);
    expect(() => logSettingsFrom(env)).toThrow(message);
  });
});
