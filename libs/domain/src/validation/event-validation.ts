import { type Clock } from '../clock.js';
import { type NormalizedEvent } from '../events/normalized-event.js';
import { type ValidationProblem } from './validation-problem.js';

/** What validation depends on beyond the event itself. */
export interface EventValidationRules {
  /** The server clock, against which the 5-minute future limit on `time` is checked. */
  readonly clock: Clock;
  /**
   * The deployment's reporting currency (config `REPORTING_CURRENCY`); an event's optional `currency` must equal it.
   * Defaulting it (to `USD`) is the caller's business.
   */
  readonly reportingCurrency: string;
}

/** The outcome of validating one event: the normalized event, or every problem found. */
export type EventValidation =
  | { readonly ok: true; readonly event: NormalizedEvent }
  | {
      readonly ok: false;
      /** The event's `id`, when it could be read (a string of 1 to 128 characters), so a rejection can name it. */
      readonly id?: string;
      readonly errors: readonly ValidationProblem[];
    };
