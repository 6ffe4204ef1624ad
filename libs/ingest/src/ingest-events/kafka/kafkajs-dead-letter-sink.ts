import type { LoggerService } from '@nestjs/common';
import kafkajs, { type IHeaders, type Kafka, type Message, type Producer } from 'kafkajs';
import type { RecordHeaderValue } from '../../messaging/consumed-record.js';
import type { DeadLetter, DeadLetterSink } from '../../messaging/dead-letter-sink.port.js';
import { DEAD_LETTER_HEADER, deadLetterHeaders } from './dead-letter-headers.js';

const { Partitioners } = kafkajs;

/**
 * Records of one produce request stay under the broker's default `max.message.bytes` (1 MiB), which bounds a
 * whole record batch, not one record; a larger dead letter is sent alone.
 */
const MAX_REQUEST_BYTES = 900 * 1024;

/**
 * The {@link DeadLetterSink} port over a kafkajs producer: `acks: -1`, idempotent when asked. A dead letter keeps
 * the original key and value bytes; see {@link deadLetterHeaders} for its headers.
 */
export class KafkajsDeadLetterSink implements DeadLetterSink {
  private readonly producer: Producer;

  constructor(
    kafka: Kafka,
    private readonly topic: string,
    idempotent: boolean,
    private readonly logger: LoggerService,
  ) {
    this.producer = kafka.producer({
      idempotent,
      ...(idempotent ? { maxInFlightRequests: 1 } : {}),
      // Bounded (kafkajs' idempotent default is endless) so that a shutdown during a broker outage can end; the
      // consumer re-sends what failed.
      retry: { retries: 8 },
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  async send(letters: readonly DeadLetter[]): Promise<void> {
    for (const messages of inRequestsOfBoundedSize(letters.map(toMessage))) await this.sendRequest(messages);
  }

  close(): Promise<void> {
    return this.producer.disconnect();
  }

  /** A request the topic refuses as too large is sent again one record at a time (the topic may allow less than 1 MiB). */
  private async sendRequest(messages: Message[]): Promise<void> {
    try {
      await this.producer.send({ topic: this.topic, acks: -1, messages });
    } catch (error) {
      if (!isTooLarge(error)) throw error;
      if (messages.length === 1) await this.sendWithoutValue(messages[0]!);
      else for (const message of messages) await this.sendRequest([message]);
    }
  }

  /**
   * A record the dead-letter topic refuses as too large would otherwise stop its partition for good (guarantee 5):
   * it goes without its value, which stays readable at the original topic, partition and offset of its headers.
   */
  private async sendWithoutValue(message: Message): Promise<void> {
    const size = byteLength(message.value);
    this.logger.error(`dead-letter topic ${this.topic} refused a ${size}-byte value; dead-lettering the record without it`);
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: [{ ...message, value: null, headers: { ...message.headers, [DEAD_LETTER_HEADER.valueOmittedBytes]: String(size) } }],
    });
  }
}

function toMessage(letter: DeadLetter): Message {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(deadLetterHeaders(letter))) headers[name] = toHeaderValue(value);
  return { key: toBuffer(letter.record.key), value: toBuffer(letter.record.value), headers };
}

function* inRequestsOfBoundedSize(messages: readonly Message[]): Generator<Message[]> {
  let request: Message[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = byteLength(message.key) + byteLength(message.value) + headersByteLength(message.headers ?? {});
    if (request.length > 0 && bytes + size > MAX_REQUEST_BYTES) {
      yield request;
      request = [];
      bytes = 0;
    }
    request.push(message);
    bytes += size;
  }
  if (request.length > 0) yield request;
}

function headersByteLength(headers: IHeaders): number {
  return Object.entries(headers).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + [value ?? []].flat().reduce((size, item) => size + byteLength(item), 0),
    0,
  );
}

/** kafkajs may wrap the broker's error (retries exhausted, aggregated per broker): look along the causes. */
function isTooLarge(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const type = (cause as { type?: unknown }).type;
    if (type === 'MESSAGE_TOO_LARGE' || type === 'RECORD_LIST_TOO_LARGE') return true;
  }
  return false;
}

function byteLength(value: Buffer | string | null | undefined): number {
  return value == null ? 0 : Buffer.byteLength(value);
}

function toBuffer(bytes: Uint8Array | null): Buffer | null {
  if (bytes === null) return null;
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function toHeaderValue(value: RecordHeaderValue): Buffer | string | (Buffer | string)[] {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return toBuffer(value)!;
  return value.map((item) => (typeof item === 'string' ? item : toBuffer(item)!));
}
