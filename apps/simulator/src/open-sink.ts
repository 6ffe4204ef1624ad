import { issueAccessToken, lifetimeWithin } from '@customs-pulse/auth';
import { type AccessTokenSettings, ConfigError, type CustomsPulseConfig } from '@customs-pulse/config';
import { type EventSink, HttpEventSink, type SimulationLogger } from '@customs-pulse/simulation';
import { KafkaEventSink } from '@customs-pulse/simulation/kafka';
import { type SimulatorSettings } from './simulator-arguments.js';

/** The life of a minted token, unless `AUTH_MAX_TOKEN_HOURS` allows less; it is minted again halfway through. */
const MINTED_TOKEN_HOURS = 24;

/** The sink of `--target`: HTTP ingest with a token (given, or minted from `AUTH_JWT_SECRET`), or Kafka. */
export async function openSink(
  settings: SimulatorSettings,
  config: Pick<CustomsPulseConfig, 'authJwtSecret' | 'accessTokens'>,
  logger: SimulationLogger,
): Promise<EventSink> {
  if (settings.target === 'kafka') {
    return KafkaEventSink.connect({
      brokers: settings.brokers,
      clearanceTopic: settings.clearanceTopic,
      enforcementTopic: settings.enforcementTopic,
      logger,
    });
  }
  const token = settings.token ?? (config.authJwtSecret === undefined ? undefined : renewedIngestToken(config.authJwtSecret, config.accessTokens));
  if (token === undefined) {
    throw new ConfigError('--token', 'is required for --target http: pass the ingest token `npm start` printed, or set AUTH_JWT_SECRET to the app\'s');
  }
  return new HttpEventSink({ url: settings.url, token, logger });
}

/**
 * An ingest token minted from the app's secret for the app's token policy (`exp`, `iss`, `aud`), and minted again
 * once half its life is over, so that a run of any length keeps a valid token.
 */
function renewedIngestToken(secret: string, policy: AccessTokenSettings): () => Promise<string> {
  const key = new TextEncoder().encode(secret);
  const options = { subject: 'simulator', expiresIn: lifetimeWithin(policy, MINTED_TOKEN_HOURS), issuer: policy.issuer, audience: policy.audience };
  const renewAfterMs = (Math.min(MINTED_TOKEN_HOURS, policy.maxTokenHours) * 3_600_000) / 2;
  let current: { readonly token: Promise<string>; readonly renewAt: number } | undefined;
  return () => {
    if (current === undefined || Date.now() >= current.renewAt) {
      current = { token: issueAccessToken(key, ['ingest'], options), renewAt: Date.now() + renewAfterMs };
    }
    return current.token;
  };
}
