import type { LoggerService } from '@nestjs/common';
import kafkajs, { type logCreator } from 'kafkajs';

const { logLevel } = kafkajs;

/**
 * Said once per start because the dead-letter producer bounds its retries (so that a shutdown during a broker
 * outage does not hang); the consumer re-sends what failed, so it is no news to an operator.
 */
const EXPECTED_WARNINGS = ['Limiting retries for the idempotent producer may invalidate EoS guarantees'];

/** Routes kafkajs' own log (set to WARN and above) to the Nest logger. */
export function nestLogCreator(logger: LoggerService): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, stack, timestamp: _timestamp, logger: _logger, ...details } = log as typeof log & { stack?: string };
      const text = `kafkajs ${namespace}: ${message}${Object.keys(details).length > 0 ? ` ${JSON.stringify(details)}` : ''}`;
      // kafkajs' Connection logs every error response at ERROR, the expected ones too (a rebalance, a coordinator
      // still loading); the component that sent the request retries or logs its own ERROR when it gives up.
      if (level === logLevel.ERROR && namespace !== 'Connection') logger.error(text, stack);
      else if (level === logLevel.ERROR) logger.warn(text);
      else if (level === logLevel.WARN && !EXPECTED_WARNINGS.includes(message)) logger.warn(text);
      else logger.debug?.(text);
    };
}
