import type { AppProcess } from '@customs-pulse/testing';

/** Between two probes: often enough to see an outage of a second, rarely enough to leave the apps their CPU. */
const PROBE_EVERY_MS = 100;

/** One answer of `GET /health/ready`: when, and whether it was 200. */
export interface ReadinessSample {
  readonly at: number;
  readonly ready: boolean;
}

/**
 * Probes an app's `GET /health/ready` in the background for as long as a fault lasts, so that a test can tell
 * afterwards whether readiness went false during the outage and when it came back: a probe the test made itself at
 * one moment could fall before the app noticed, or after it recovered.
 */
export class ReadinessWatch {
  private readonly samples: ReadinessSample[] = [];
  private watching = true;
  private readonly loop: Promise<void>;

  constructor(readonly app: AppProcess) {
    this.loop = this.probe();
  }

  /** Whether some answer at or after `since` was not 200 (a refused connection counts as not ready). */
  wentUnreadySince(since: number): boolean {
    return this.samples.some(({ at, ready }) => at >= since && !ready);
  }

  /** Whether the last answer was 200. */
  get ready(): boolean {
    return this.samples.at(-1)?.ready ?? false;
  }

  /** When, at or after `since`, the app answered 200 after its last answer that was not; undefined while it is not ready. */
  readyAgainAt(since: number): number | undefined {
    if (!this.ready) return undefined;
    const lastUnready = this.samples.findLastIndex(({ ready }) => !ready);
    return this.samples.slice(lastUnready + 1).find(({ at }) => at >= since)?.at;
  }

  async stop(): Promise<void> {
    this.watching = false;
    await this.loop;
  }

  private async probe(): Promise<void> {
    while (this.watching) {
      const at = Date.now();
      const ready = await fetch(`${this.app.url}/health/ready`, { signal: AbortSignal.timeout(5_000) }).then(
        async (response) => {
          await response.body?.cancel();
          return response.status === 200;
        },
        () => false,
      );
      this.samples.push({ at, ready });
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
    }
  }
}
