import {
  validateEvent,
  validateEventJson,
  type EventValidation,
  type EventValidationRules,
  type NormalizedEvent,
} from '@customs-pulse/domain';
import { EVENT_STORE, type EventStore } from '@customs-pulse/event-store';
import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { IngestQualityRecorder } from '../ingest-quality/ingest-quality-recorder.js';
import { IngestEventsCommand, type EventCandidate } from './ingest-events.command.js';
import { EVENT_VALIDATION_RULES } from './event-validation-rules.js';
import { INGEST_METRICS, SILENT_INGEST_METRICS, type IngestMetrics } from './ingest-metrics.port.js';
import type { CandidateOutcome, IngestReport, RejectedEvent } from './ingest-report.js';
import { storedConflictProblem } from './stored-conflict.js';

/**
 * The one ingest use case behind every transport: validate, append what is valid to its subject's stream in one
 * `appendMany` (one durable commit), and report each candidate. Store failures propagate: the transport must not
 * acknowledge anything of a batch whose append did not resolve. Rejects and duplicates are tallied for
 * `GET /api/quality` here, so that both transports are counted alike (a Kafka reject is a dead letter).
 */
@CommandHandler(IngestEventsCommand)
export class IngestEventsHandler implements ICommandHandler<IngestEventsCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_VALIDATION_RULES) private readonly rules: EventValidationRules,
    // Optional: a handler built by hand (bench/ingest) tallies nothing; IngestModule always provides one.
    @Optional() @Inject(IngestQualityRecorder) private readonly quality?: IngestQualityRecorder,
    @Optional() @Inject(INGEST_METRICS) private readonly metrics: IngestMetrics = SILENT_INGEST_METRICS,
  ) {}

  async execute({ candidates, transport }: IngestEventsCommand): Promise<IngestReport> {
    const outcomes: CandidateOutcome[] = [];
    const rejected: RejectedEvent[] = [];
    const valid: ValidCandidate[] = [];

    candidates.forEach((candidate, index) => {
      const validation = this.validate(candidate);
      if (validation.ok) {
        valid.push({ index, event: validation.event });
      } else {
        outcomes[index] = 'rejected';
        rejected.push({ index, ...(validation.id === undefined ? {} : { id: validation.id }), errors: validation.errors });
      }
    });

    // One write per subject (its stream), each holding that subject's events in batch order.
    const bySubject = groupBySubject(valid);
    const appendStarted = performance.now();
    const appended =
      bySubject.length === 0
        ? []
        : await this.store.appendMany(
            bySubject.map((group) => ({ stream: group[0]!.event.subject, events: group.map(({ event }) => event) })),
          );
    const appendSeconds = bySubject.length === 0 ? null : (performance.now() - appendStarted) / 1000;
    const appendOutcomes = appended.flatMap((result) => result.outcomes);
    const ordered = bySubject.flat().map((item, position) => ({ ...item, outcome: appendOutcomes[position]! }));
    let accepted = 0;
    let duplicates = 0;
    for (const { index, event, outcome } of ordered) {
      if (outcome.status === 'appended') {
        accepted += 1;
        outcomes[index] = 'accepted';
      } else if (outcome.status === 'duplicate') {
        duplicates += 1;
        outcomes[index] = 'duplicate';
      } else {
        outcomes[index] = 'rejected';
        // A store's refusal (an event it cannot hold byte for byte) is reported as a problem of the field it names.
        const problem = outcome.status === 'conflict' ? storedConflictProblem(outcome.position) : { path: outcome.field, message: outcome.reason };
        rejected.push({ index, id: event.id, errors: [problem] });
      }
    }
    rejected.sort((a, b) => a.index - b.index);
    const report: IngestReport = { accepted, duplicates, rejected, outcomes };
    // Only once the append is durable, and without waiting: a tally must never fail or slow an ingest.
    this.quality?.record(report);
    this.metrics.ingested({ transport, accepted, duplicates, rejected: rejected.length, appendSeconds });
    return report;
  }

  private validate(candidate: EventCandidate): EventValidation {
    return 'bytes' in candidate ? validateEventJson(candidate.bytes, this.rules) : validateEvent(candidate.json, this.rules);
  }
}

interface ValidCandidate {
  readonly index: number;
  readonly event: NormalizedEvent;
}

function groupBySubject(valid: readonly ValidCandidate[]): ValidCandidate[][] {
  const groups = new Map<string, ValidCandidate[]>();
  for (const item of valid) {
    const group = groups.get(item.event.subject);
    if (group) group.push(item);
    else groups.set(item.event.subject, [item]);
  }
  return [...groups.values()];
}
