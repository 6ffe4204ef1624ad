import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/** What Nest's `printAsJson` is handed with each message. */
type JsonLogOptions = Parameters<ConsoleLogger['getJsonLogObject']>[1];

/**
 * Nest's `ConsoleLogger` in its `json` mode, with the record shaped for a log collector: `time` (RFC 3339 UTC with
 * milliseconds, as everywhere in the API) in place of Nest's epoch `timestamp`, and `time`, `level`, `context`,
 * `message` first and always present (`context` null when the logger has none). Nest's own fields follow (`pid`, and
 * `stack` or `error` for an error), one object per line: a stack trace stays inside its record.
 */
export class JsonLineLogger extends ConsoleLogger {
  constructor(levels: readonly LogLevel[]) {
    super({ json: true, colors: false, logLevels: [...levels] });
  }

  protected override printAsJson(message: unknown, options: JsonLogOptions): void {
    const { timestamp, level, context, message: text, ...rest } = this.getJsonLogObject(message, options);
    const record = { time: new Date(timestamp).toISOString(), level, context: context ?? null, message: text, ...rest };
    process[options.writeStreamType ?? 'stdout'].write(`${this.stringifyJsonLogObject(record)}\n`);
  }
}
