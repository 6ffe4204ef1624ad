import { abortableDelay, backoffDelays } from '@customs-pulse/backoff';
import type { Clock } from '@customs-pulse/domain';
import { Logger, type LoggerService } from '@nestjs/common';
import type { ConsumedRecord } from '../../messaging/consumed-record.js';
import type { DeadLetter, DeadLetterSink } from '../../messaging/dead-letter-sink.port.js';
import type { RecordBatch, RecordBatchSource } from '../../messaging/record-batch-source.port.js';
import { IngestEventsCommand, type EventCandidate } from '../ingest-events.command.js';
import type { IngestReport } from '../ingest-report.js';
import { isInfrastructureFailure, poisonProblem } from './append-failure.js';
import type { BackoffOptions } from './kafka-ingest-options.js';

/** The ingest use case as this transport needs it: `IngestEventsHandler` (or the command bus). */
export interface IngestEvents {
  execute(command: IngestEventsCommand): Promise<IngestReport>;
}

export interface IngestConsumerOptions {
  /** Most records per `appendMany` and per commit. */
  readonly maxEventsPerAppend: number;
  /** Longest wait without a heartbeat while backing off. */
  readonly heartbeatIntervalMs: number;
  readonly backoff: Required<BackoffOptions>;
  /**
   * Tries of an append that fails for its records' content (not the infrastructure) before the consumer looks for the
   * records responsible, one at a time, and dead-letters them. @defaultValue 3 in `KafkaIngestOptions`
   */
  readonly poisonMaxAttempts: number;
}

/** A batch given up, uncommitted, because the consumer is stopping or lost the partition: it is delivered again. */
const ABANDONED = Symbol('abandoned');

/** An append that failed `poisonMaxAttempts` times for its content: `error` is the last failure. */
interface Poisoned {
  readonly poisoned: unknown;
}

const NO_BYTES = new Uint8Array(0);

/**
 * The Kafka transport of the ingest use case, over the messaging port. Per slice of a batch: validate and append
 * (one durable commit), dead-letter the rejected records and await their acknowledgement, and only then commit
 * the partition's position (architecture.md, guarantee 1). A step that fails is retried with a capped
 * exponential backoff, heartbeating meanwhile: nothing is ever skipped or committed unstored, and a store outage
 * pauses consumption instead of crashing it. An append that fails for its records' content rather than the
 * infrastructure (append-failure.ts) is tried `poisonMaxAttempts` times; then the slice's records are appended one
 * at a time, and each that still fails so is dead-lettered with the error, so that one poison record never stops
 * its partition (guarantee 8).
 */
export class IngestConsumer {
  private readonly stopping = new AbortController();

  constructor(
    private readonly source: RecordBatchSource,
    private readonly deadLetters: DeadLetterSink,
    private readonly ingest: IngestEvents,
    private readonly clock: Clock,
    private readonly options: IngestConsumerOptions,
    private readonly logger: LoggerService = new Logger('KafkaIngest'),
  ) {}

  /** Connects the dead-letter sink, then starts consuming. */
  async start(): Promise<void> {
    await this.deadLetters.connect();
    await this.source.start((batch) => this.handle(batch));
  }

  /**
   * Stops fetching; the slice being appended finishes and is committed, a slice waiting out a failure is given up
   * uncommitted; then disconnects.
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    try {
      await this.source.stop();
    } finally {
      await this.deadLetters.close();
    }
  }

  private async handle(batch: RecordBatch): Promise<void> {
    for (let start = 0; start < batch.records.length; start += this.options.maxEventsPerAppend) {
      if (this.mustLetGo(batch)) return;
      const slice = batch.records.slice(start, start + this.options.maxEventsPerAppend);
      if (!(await this.ingestSlice(batch, slice))) return;
      if (!this.stopping.signal.aborted) await batch.heartbeat();
    }
  }

  /** True once the slice is stored, dead-lettered and committed; false when given up uncommitted. */
  private async ingestSlice(batch: RecordBatch, records: readonly ConsumedRecord[]): Promise<boolean> {
    const letters = await this.storeSlice(batch, records);
    if (letters === ABANDONED) return false;
    if (letters.length > 0) {
      if ((await this.untilDone(batch, 'dead-letter', () => this.deadLetters.send(letters))) === ABANDONED) return false;
      this.logger.warn(`${where(batch)}: dead-lettered ${letters.length} of ${records.length} records`);
    }

    // A revoked partition's records are the next owner's to commit; ours are stored, and dedupe absorbs the redelivery.
    if (batch.isRevoked()) {
      this.logger.warn(`${where(batch)}: revoked before its commit; the next owner gets these records again`);
      return false;
    }
    const last = records.at(-1)!;
    return (await this.untilDone(batch, 'commit', () => batch.commitThrough(last))) !== ABANDONED;
  }

  /** Appends the slice, and returns the dead letters of what could not be stored: rejected, or poison. */
  private async storeSlice(batch: RecordBatch, records: readonly ConsumedRecord[]): Promise<DeadLetter[] | typeof ABANDONED> {
    const report = await this.append(batch, records);
    if (report === ABANDONED) return ABANDONED;
    if (!('poisoned' in report)) return this.deadLettersOf(records, report);
    if (records.length > 1) {
      this.logger.warn(`${where(batch)}: a slice of ${records.length} records failed for its content; appending them one at a time to find the poison`);
    }
    const letters: DeadLetter[] = [];
    for (const record of records) {
      const alone = records.length === 1 ? report : await this.append(batch, [record]);
      if (alone === ABANDONED) return ABANDONED;
      if ('poisoned' in alone) {
        this.logger.error(`${where(batch)}: record at offset ${record.offset} cannot be stored; dead-lettering it: ${describeError(alone.poisoned)}`);
        letters.push({ record, reasons: [poisonProblem(alone.poisoned, this.options.poisonMaxAttempts)], deadLetteredAt: this.clock.now() });
      } else letters.push(...this.deadLettersOf([record], alone));
    }
    return letters;
  }

  private append(batch: RecordBatch, records: readonly ConsumedRecord[]): Promise<IngestReport | Poisoned | typeof ABANDONED> {
    const command = new IngestEventsCommand(records.map(candidateOf), 'kafka');
    return this.untilDone(batch, 'append', () => this.ingest.execute(command), this.options.poisonMaxAttempts);
  }

  /**
   * Runs `attempt` until it succeeds or the batch must be let go. A failure of the infrastructure is retried for as
   * long as it lasts; with `poisonAfter`, any other failure only so many times, and then the last one is returned.
   */
  private async untilDone<T>(
    batch: RecordBatch,
    step: string,
    attempt: () => Promise<T>,
    poisonAfter = Number.POSITIVE_INFINITY,
  ): Promise<T | Poisoned | typeof ABANDONED> {
    const delays = backoffDelays(this.options.backoff);
    let contentFailures = 0;
    for (let failures = 1; ; failures += 1) {
      try {
        return await attempt();
      } catch (error) {
        if (this.mustLetGo(batch)) {
          this.logger.warn(`${where(batch)}: ${step} failed while letting go of the batch; it stays uncommitted: ${describeError(error)}`);
          return ABANDONED;
        }
        const infrastructure = isInfrastructureFailure(error);
        if (!infrastructure && (contentFailures += 1) >= poisonAfter) return { poisoned: error };
        const delay = delays.next().value;
        const message = `${where(batch)}: ${step} failed (attempt ${failures}), retrying in ${delay} ms: ${describeError(error)}`;
        if (infrastructure) this.logger.warn(message);
        else this.logger.error(message, error instanceof Error ? error.stack : undefined);
        await this.waitHeartbeating(batch, delay);
        if (this.mustLetGo(batch)) return ABANDONED;
      }
    }
  }

  private async waitHeartbeating(batch: RecordBatch, delay: number): Promise<void> {
    const until = Date.now() + delay;
    while (!this.stopping.signal.aborted && Date.now() < until) {
      await abortableDelay(Math.min(until - Date.now(), this.options.heartbeatIntervalMs), this.stopping.signal);
      if (!this.stopping.signal.aborted) await batch.heartbeat();
    }
  }

  private mustLetGo(batch: RecordBatch): boolean {
    return this.stopping.signal.aborted || batch.isRevoked();
  }

  private deadLettersOf(records: readonly ConsumedRecord[], report: IngestReport): DeadLetter[] {
    const reasons = new Map(report.rejected.map((rejected) => [rejected.index, rejected.errors]));
    const deadLetteredAt = this.clock.now();
    return records.flatMap((record, index) =>
      report.outcomes[index] === 'rejected' ? [{ record, reasons: reasons.get(index) ?? [], deadLetteredAt }] : [],
    );
  }
}

/** A tombstone or empty value is a candidate too: validation rejects it, so it is dead-lettered, not skipped. */
function candidateOf(record: ConsumedRecord): EventCandidate {
  return { bytes: record.value ?? NO_BYTES };
}

function where(batch: RecordBatch): string {
  return `${batch.topic}[${batch.partition}]`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
