/** Why the KPI projection cannot do its work at the moment: the failure of its last attempt to read or commit. */
export interface ProjectionFailure {
  /** Failed attempts in a row, reads and commits alike. */
  readonly consecutive: number;
  /** The last failure's message. */
  readonly error: string;
}

/**
 * Told of each failed attempt (`consecutive` of them in a row so far) and of the first success after failures
 * (`consecutive` 0). Must not throw: it runs on the projection's path (metrics).
 */
export type ProjectionFailureListener = (consecutive: number) => void;

/** Counts the projection's failed attempts in a row, so that readiness and metrics can tell it is failing. */
export class ProjectionFailures {
  private failure: ProjectionFailure | null = null;

  constructor(private readonly listener: ProjectionFailureListener = () => undefined) {}

  /** The ongoing failure, or null once an attempt has succeeded. */
  get current(): ProjectionFailure | null {
    return this.failure;
  }

  /** Notes a failed attempt. @returns how many attempts in a row have failed. */
  failed(error: unknown): number {
    const consecutive = (this.failure?.consecutive ?? 0) + 1;
    const message = error instanceof Error ? error.message : String(error);
    this.failure = { consecutive, error: message };
    this.listener(consecutive);
    return consecutive;
  }

  /** Notes a successful attempt, which ends a failure. */
  succeeded(): void {
    if (this.failure === null) return;
    this.failure = null;
    this.listener(0);
  }
}
