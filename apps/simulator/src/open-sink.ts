import { issueAccessToken } from '@customs-pulse/auth';
import { ConfigError } from '@customs-pulse/config';
import { type EventSink, HttpEventSink, type SimulationLogger } from '@customs-pulse/simulation';
import { KafkaEventSink } from '@customs-pulse/simulation/kafka';
import { type SimulatorSettings } from './simulator-arguments.js';

/** Long enough for a long run: a simulator's token is minted for it alone. */
const MINTED_TOKEN_LIFETIME = '30d';

/** The sink of `--target`: HTTP ingest with a token (given, or minted from `AUTH_JWT_SECRET`), or Kafka. */
export async function openSink(settings: SimulatorSettings, jwtSecret: string | undefined, logger: SimulationLogger): Promise<EventSink> {
  if (settings.target === 'kafka') {
    return KafkaEventSink.connect({
      brokers: settings.brokers,
      clearanceTopic: settings.clearanceTopic,
      enforcementTopic: settings.enforcementTopic,
      logger,
    });
  }
  const token = settings.token ?? (jwtSecret === undefined ? undefined : await mintIngestToken(jwtSecret));
  if (token === undefined) {
    throw new ConfigError('--token', 'is required for --target http: pass the ingest token `npm start` printed, or set AUTH_JWT_SECRET to the app\'s');
  }
  return new HttpEventSink({ url: settings.url, token, logger });
}

function mintIngestToken(secret: string): Promise<string> {
  return issueAccessToken(new TextEncoder().encode(secret), ['ingest'], { subject: 'simulator', expiresIn: MINTED_TOKEN_LIFETIME });
}
