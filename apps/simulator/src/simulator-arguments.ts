import { ConfigError, type CustomsPulseConfig } from '@customs-pulse/config';
import { type IncidentPlan, MAX_SIMULATED_OFFICES, parseIncidentPlan, type TrafficOptions } from '@customs-pulse/simulation';
import { parseArgs } from 'node:util';

/** What `npm run simulate -- ...` asked for, defaults filled in. */
export interface SimulatorSettings {
  readonly target: 'http' | 'kafka';
  /** `--url`: the app's base URL. */
  readonly url: string;
  /** `--token`: a bearer token with the ingest role; undefined to mint one from `AUTH_JWT_SECRET`. */
  readonly token: string | undefined;
  /** `--brokers`, else `KAFKA_BROKERS`. */
  readonly brokers: readonly string[];
  readonly clearanceTopic: string;
  readonly enforcementTopic: string;
  readonly traffic: TrafficOptions;
  /** `--duration`: seconds of live traffic; undefined to run until interrupted. */
  readonly durationSeconds: number | undefined;
}

/** The answer to `--help`. */
export const USAGE = `Usage: npm run simulate -- [options]

Sends realistic customs traffic (events.md) to Customs Pulse: first --days of history, then live traffic.

  --target http|kafka     where to send (default http)
  --url URL               the app, for http (default http://localhost:$PORT, PORT default 3000)
  --token JWT             a token with the ingest role (default: minted from AUTH_JWT_SECRET)
  --brokers HOST:PORT,..  Kafka bootstrap brokers, for kafka (default KAFKA_BROKERS)
  --topic-clearance T     (default KAFKA_TOPIC_CLEARANCE or customs.clearance.v1)
  --topic-enforcement T   (default KAFKA_TOPIC_ENFORCEMENT or customs.enforcement.v1)
  --rate N                live events per second (default 10)
  --history-rate N        events per second over the history, averaged over the day (default min(rate, 0.2))
  --days D                days of history sent first (default 0)
  --offices K             customs offices, 1 to ${MAX_SIMULATED_OFFICES} (default 4)
  --seed S                the same seed and start give the same events (default 1)
  --start INSTANT         when live traffic starts, RFC 3339 (default now)
  --duration SECONDS      seconds of live traffic, then stop (default: until Ctrl-C)
  --incident KIND[:OFFICE][@SECONDS]
                          office-slowdown, seizure-spike or lane-downgrades, SECONDS after the start
                          (default 0); repeat for several
  --help                  this text
`;

/**
 * Reads the command line; the defaults that depend on the deployment (port, brokers, topics, reporting currency,
 * the secret tokens are minted from) come from the one configuration loader. A bad option throws a
 * {@link ConfigError} naming it.
 */
export function parseSimulatorArguments(argv: readonly string[], config: CustomsPulseConfig, now: number = Date.now()): SimulatorSettings | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        target: { type: 'string', default: 'http' },
        url: { type: 'string' },
        token: { type: 'string' },
        brokers: { type: 'string' },
        'topic-clearance': { type: 'string' },
        'topic-enforcement': { type: 'string' },
        rate: { type: 'string', default: '10' },
        'history-rate': { type: 'string' },
        days: { type: 'string', default: '0' },
        offices: { type: 'string', default: '4' },
        seed: { type: 'string', default: '1' },
        start: { type: 'string' },
        duration: { type: 'string' },
        incident: { type: 'string', multiple: true, default: [] },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new ConfigError('command line', (error as Error).message);
  }
  if (parsed.help) return 'help';
  const target = parsed.target;
  if (target !== 'http' && target !== 'kafka') throw new ConfigError('--target', `must be http or kafka, got ${JSON.stringify(target)}`);
  const brokers = parsed.brokers?.split(',').map((broker) => broker.trim()) ?? config.kafka?.brokers ?? [];
  if (target === 'kafka' && brokers.length === 0) throw new ConfigError('--brokers', 'is required for --target kafka (or set KAFKA_BROKERS)');
  const historyRate = parsed['history-rate'] === undefined ? undefined : positive('--history-rate', parsed['history-rate']);
  return {
    target,
    url: parsed.url ?? `http://localhost:${config.port}`,
    token: parsed.token,
    brokers,
    clearanceTopic: parsed['topic-clearance'] ?? config.kafka?.topics[0] ?? 'customs.clearance.v1',
    enforcementTopic: parsed['topic-enforcement'] ?? config.kafka?.topics[1] ?? 'customs.enforcement.v1',
    traffic: {
      seed: whole('--seed', parsed.seed, 0, 4_294_967_295),
      start: parsed.start === undefined ? now : instant('--start', parsed.start),
      rate: atLeastZero('--rate', parsed.rate),
      ...(historyRate === undefined ? {} : { historyRate }),
      days: atLeastZero('--days', parsed.days),
      offices: whole('--offices', parsed.offices, 1, MAX_SIMULATED_OFFICES),
      incidents: parsed.incident.map((text) => incident(text)),
      reportingCurrency: config.reportingCurrency,
    },
    durationSeconds: parsed.duration === undefined ? undefined : atLeastZero('--duration', parsed.duration),
  };
}

function atLeastZero(option: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) throw new ConfigError(option, `must be a number >= 0, got ${JSON.stringify(text)}`);
  return value;
}

function positive(option: string, text: string): number {
  const value = atLeastZero(option, text);
  if (value === 0) throw new ConfigError(option, 'must be above 0');
  return value;
}

function whole(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(option, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}

function instant(option: string, text: string): number {
  const value = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || !Number.isFinite(value)) throw new ConfigError(option, `must be an RFC 3339 instant, got ${JSON.stringify(text)}`);
  return value;
}

function incident(text: string): IncidentPlan {
  try {
    return parseIncidentPlan(text);
  } catch (error) {
    throw new ConfigError('--incident', (error as Error).message);
  }
}
