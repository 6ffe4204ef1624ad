import type { ValidationProblem } from '@customs-pulse/domain';

/** An event that was not stored, and every reason why (events.md, "What a rejected event gets"). */
export interface RejectedEvent {
  /** Its place in the batch, from 0. */
  readonly index: number;
  /** Its `id`, where one could be read. */
  readonly id?: string;
  readonly errors: readonly ValidationProblem[];
}

/** What became of each candidate, by index: how a transport decides what to acknowledge or dead-letter. */
export type CandidateOutcome = 'accepted' | 'duplicate' | 'rejected';

/** The answer to an ingest: the `POST /api/events` body, plus per-candidate outcomes for the transports. */
export interface IngestReport {
  /** Events newly stored, durably. */
  readonly accepted: number;
  /** Events already stored with the same content: nothing changed. */
  readonly duplicates: number;
  readonly rejected: readonly RejectedEvent[];
  readonly outcomes: readonly CandidateOutcome[];
}
