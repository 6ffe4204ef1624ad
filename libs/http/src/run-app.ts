import { ConfigError } from '@customs-pulse/config';
import { Logger } from '@nestjs/common';

/**
 * Runs an app's `main`: a bad configuration is reported as the one line naming the variable (the operator's fix),
 * anything else with its stack; either way the process exits 1, so an orchestrator sees the start failed.
 */
export function runApp(name: string, main: (logger: Logger) => Promise<void>): void {
  const logger = new Logger(name);
  main(logger).catch((error: unknown) => {
    logger.error(error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
