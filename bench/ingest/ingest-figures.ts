import type { Rate } from '../harness/measure.js';

export type StoreKind = 'SQLite' | 'PostgreSQL';

/** Why a measurement could not be made: reported loudly, in the table and in the notes. */
export interface NotMeasured {
  readonly notMeasured: string;
}

export function isMeasured<T extends object>(outcome: T | NotMeasured): outcome is T {
  return !('notMeasured' in outcome);
}

/** `POST /api/events` at one number of requests in flight. */
export interface HttpFigure {
  readonly inFlight: number;
  readonly rate: Rate;
}

/** A Kafka consumer reading all the topic's records: its rate from its start, and how much of that was start-up. */
export interface ConsumeFigures {
  readonly rate: Rate;
  /** Median ms from the start to the first record stored (ours) or counted (raw): connect, join, first fetch. */
  readonly startupMs: number;
}

export interface KafkaFigures {
  readonly bootstrap: string;
  /** How the broker was obtained, for the environment line. */
  readonly broker: string;
  readonly topic: { readonly events: number; readonly partitions: number; readonly averageBytes: number; readonly produceSeconds: number };
  readonly ours: Readonly<Record<StoreKind, ConsumeFigures | NotMeasured>>;
  readonly raw: ConsumeFigures;
}

/** Each stage of the Kafka path alone, on the same records in batches of the same size. */
export interface StoreStageFigures {
  /** `appendMany` of already valid events, one write per declaration. */
  readonly appendMany: Rate;
  /** `IngestEventsHandler.execute`: validation and `appendMany`, no transport. */
  readonly useCase: Rate;
}

export interface IngestResults {
  readonly http: Readonly<Record<StoreKind, readonly HttpFigure[] | NotMeasured>>;
  readonly kafka: KafkaFigures | NotMeasured;
  /** `validateEventJson` of the record values, no store. */
  readonly validation: Rate;
  readonly stages: Readonly<Record<StoreKind, StoreStageFigures | NotMeasured>>;
}

/** The median rate of Kafka to `store`, if it was measured. */
export function kafkaRate(results: IngestResults, store: StoreKind): Rate | undefined {
  if (!isMeasured(results.kafka)) return undefined;
  const ours = results.kafka.ours[store];
  return isMeasured(ours) ? ours.rate : undefined;
}

/** The HTTP rate to `store` with the most requests in flight, if it was measured. */
export function bestHttp(results: IngestResults, store: StoreKind): Rate | undefined {
  const http = results.http[store];
  return isMeasured(http) ? http.at(-1)?.rate : undefined;
}
