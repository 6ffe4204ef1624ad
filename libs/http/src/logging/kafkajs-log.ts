import type { LoggerService } from '@nestjs/common';
import type { logCreator, logLevel } from 'kafkajs';

// kafkajs' levels, typed by its own enum so that a changed value fails the type check; imported as types only, so
// that the apps that never talk to Kafka do not load kafkajs for their logging.
const ERROR: logLevel.ERROR = 1;
const WARN: logLevel.WARN = 2;

/**
 * Said once per start because the dead-letter producer bounds its retries (so that a shutdown during a broker
 * outage does not hang); the consumer re-sends what failed, so it is no news to an operator.
 */
const EXPECTED_WARNINGS = ['Limiting retries for the idempotent producer may invalidate EoS guarantees'];

/** Routes kafkajs' own log (set to WARN and above) to the Nest logger: every Kafka client of the system (ingest, KPI updates) uses it. */
export function nestLogCreator(logger: LoggerService): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, stack, timestamp: _timestamp, logger: _logger, ...details } = log as typeof log & { stack?: string };
      const text = `kafkajs ${namespace}: ${message}${Object.keys(details).length > 0 ? ` ${JSON.stringify(details)}` : ''}`;
      // kafkajs' Connection logs every error response at ERROR, the expected ones too (a rebalance, a coordinator
      // still loading); the component that sent the request retries or logs its own ERROR when it gives up.
      if (level === ERROR && namespace !== 'Connection') logger.error(text, stack);
      else if (level === ERROR) logger.warn(text);
      else if (level === WARN && !EXPECTED_WARNINGS.includes(message)) logger.warn(text);
      else logger.debug?.(text);
    };
}
