import { ConfigError, loadConfig } from '@customs-pulse/config';
import { runSimulation, TrafficSimulation } from '@customs-pulse/simulation';
import { Logger } from '@nestjs/common';
import { openSink } from './open-sink.js';
import { parseSimulatorArguments, USAGE } from './simulator-arguments.js';

const logger = new Logger('Simulator');

async function main(): Promise<void> {
  const config = loadConfig();
  const settings = parseSimulatorArguments(process.argv.slice(2), config);
  if (settings === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const traffic = new TrafficSimulation(settings.traffic);
  const sink = await openSink(settings, config, logger);
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  const { seed, rate } = settings.traffic;
  const where = settings.target === 'http' ? settings.url : settings.brokers.join(',');
  logger.log(`seed ${seed} (ids tagged ${traffic.runTag}), ${traffic.offices.length} offices, ${rate} events/s live, to ${settings.target} ${where}`);
  logger.log(`offices: ${traffic.offices.map((office) => office.id).join(', ')}`);
  try {
    await runSimulation({ traffic, sink, logger, signal: stop.signal, ...(settings.durationSeconds === undefined ? {} : { durationSeconds: settings.durationSeconds }) });
  } finally {
    await sink.close();
  }
}

main().catch((error: unknown) => {
  logger.error(error instanceof ConfigError ? `${error.message} (see --help)` : error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
