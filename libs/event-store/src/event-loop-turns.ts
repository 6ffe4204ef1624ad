import { performance } from 'node:perf_hooks';

/** How long a loop may hold the event loop before it gives it a turn (architecture.md, guarantee 7). */
export const EVENT_LOOP_SLICE_MS = 20;

/**
 * Cooperative yielding for a long loop over the log: replays, rebuilds, `asOf`, chain verification, journal loads.
 * SQLite reads are synchronous and an `await` of a settled promise runs on the microtask queue, so without it such a
 * loop holds the event loop until it ends: no HTTP request, socket heartbeat or timer runs meanwhile. One instance per
 * loop, asked between steps: `if (turns.due) await turns.give();`, cheap enough to ask per event (a clock read; no
 * promise unless due).
 *
 * The turn is given with `setImmediate` (twice: see {@link EventLoopTurns.give}), so that the I/O callbacks and timers
 * that are due run first, not with `setTimeout(0)`, which waits at least a millisecond (and is clamped further when
 * nested) for nothing.
 */
export class EventLoopTurns {
  private since: number;
  /** How long the last {@link EventLoopTurns.stretch} held the event loop: what the next one is expected to. */
  private lastStretchMs = 0;

  /**
   * @param sliceMs - held at most this long between turns, plus one step. @defaultValue {@link EVENT_LOOP_SLICE_MS}
   * @param now - a monotonic clock in milliseconds. @defaultValue `performance.now`
   */
  constructor(
    private readonly sliceMs: number = EVENT_LOOP_SLICE_MS,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.since = now();
  }

  /** Whether the loop has held the event loop for its slice since its last turn (or since it began). */
  get due(): boolean {
    return this.heldMs() >= this.sliceMs;
  }

  /**
   * Runs `steps` to its end: a generator that does a long synchronous computation (a KPI engine's drain) and yields
   * between two of its steps, where a turn is given when due. A generator rather than a loop here, so that the code
   * that computes knows nothing of scheduling.
   * @param afterTurn - awaited after each turn given, before the next step: for steps that change what readers see,
   *   a wait for the readers that began during the turn (they can begin at no other time). The next slice starts
   *   once it returns: a wait counted in the slice would make every step give a turn and wait again.
   * @returns what the generator returns.
   */
  async complete<T>(steps: Iterator<unknown, T, undefined>, afterTurn?: () => Promise<void>): Promise<T> {
    for (;;) {
      const step = steps.next();
      if (step.done === true) return step.value;
      if (this.due) {
        await this.give();
        if (afterTurn !== undefined) {
          await afterTurn();
          this.since = this.now();
        }
      }
    }
  }

  /**
   * Runs `stretch`, a piece of work that holds the event loop for far longer than a step (a page read from SQLite and
   * decoded: 2 to 10 ms for a page of an `asOf` load on the history bench's 250,000 events, more on a larger read model
   * or a slower disk), giving a turn first when the slice so far and the length of the last stretch would pass the
   * slice: asked only once due, a slice of 19 ms and then a page would hold the event loop for both. Its length is
   * measured from start to end, waits included, which can only make the next turn come earlier.
   */
  async stretch<T>(stretch: () => Promise<T>): Promise<T> {
    if (this.heldMs() + this.lastStretchMs >= this.sliceMs) await this.give();
    const started = this.now();
    const result = await stretch();
    this.lastStretchMs = this.now() - started;
    return result;
  }

  /** How long the loop has held the event loop since its last turn (or since it began). */
  private heldMs(): number {
    return this.now() - this.since;
  }

  /**
   * Gives the event loop a turn now, and starts a new slice once it resumes. Two immediates, one inside the other: a
   * turn given from an I/O callback (an HTTP request's handler, a page read's reply) would otherwise resume in the same
   * iteration of the event loop, after its I/O and before its timers, and the next slice would add to this one: two
   * slices of 20 ms kept timers waiting 40 ms in the history bench's `asOf` answers. Given from an immediate, the
   * second costs one iteration with nothing due.
   */
  give(): Promise<void> {
    return new Promise((resolve) =>
      setImmediate(() =>
        setImmediate(() => {
          this.since = this.now();
          resolve();
        }),
      ),
    );
  }
}
