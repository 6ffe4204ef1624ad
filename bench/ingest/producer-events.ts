import type { EventToAppend } from '@customs-pulse/event-store';
import { ClearanceEventGenerator } from '../event-store/clearance-event-generator.js';

/** A CloudEvent as a producer submits it (events.md), before validation. */
export type ProducerEvent = Readonly<Record<string, unknown>>;

/** `REPORTING_CURRENCY` of the app under test, and the currency of every generated amount. */
export const BENCH_REPORTING_CURRENCY = 'USD';

/**
 * `count` distinct, valid clearance events as producers send them, from the event-store suite's generator (fixed
 * seed): `specversion` and `datacontenttype` added, the extension attributes at the top level. The generator
 * writes duties in UZS and customs values in USD, but a deployment accepts amounts in its reporting currency
 * only, so every `currency` is set to {@link BENCH_REPORTING_CURRENCY}: otherwise about 30% would be rejected.
 */
export function producerEvents(count: number): ProducerEvent[] {
  return new ClearanceEventGenerator().take(count).map(asProducerEvent);
}

function asProducerEvent({ extensions, data, ...envelope }: EventToAppend): ProducerEvent {
  const amounts = 'currency' in data ? { ...data, currency: BENCH_REPORTING_CURRENCY } : data;
  return { specversion: '1.0', datacontenttype: 'application/json', ...envelope, data: amounts, ...extensions };
}

/** The events in consecutive slices of `size`. */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/** A record as a producer sends the event to Kafka (events.md): key = subject, value = the CloudEvent's JSON. */
export interface ProducerRecord {
  readonly key: string;
  readonly value: Buffer;
}

export function asProducerRecord(event: ProducerEvent): ProducerRecord {
  return { key: String(event['subject']), value: Buffer.from(JSON.stringify(event)) };
}
