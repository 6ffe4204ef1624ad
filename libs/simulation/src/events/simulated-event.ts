/** A CloudEvent in structured JSON mode, as a producer sends it (events.md). */
export type CloudEventJson = Readonly<Record<string, unknown>>;

/** Why an event is in the stream: the event itself, or one of the producers' imperfections around it. */
export type SimulatedEventKind =
  /** A valid event, sent once (perhaps late). */
  | 'original'
  /** An `original` sent again, byte for byte: a duplicate to ingest. */
  | 'duplicate'
  /** Malformed on purpose: `validateEvent` rejects it. */
  | 'invalid'
  /** Valid on its own, but reuses the `(source, id)` of an `original` with another `time`: a conflict. */
  | 'conflict';

/** The incidents the simulator can inject (README, "Simulator"). */
export const INCIDENT_KINDS = ['office-slowdown', 'seizure-spike', 'lane-downgrades'] as const;
/** One of {@link INCIDENT_KINDS}. */
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** One event of the simulated stream and when it is due to be sent. */
export interface SimulatedEvent {
  readonly event: CloudEventJson;
  /** Epoch milliseconds of simulated time at which it is sent: never before its `time`. */
  readonly dueAt: number;
  readonly kind: SimulatedEventKind;
  /** The incident that made it, if any. */
  readonly incident?: IncidentKind;
}
