/** Hands one item to the members of one room. */
export type RoomDelivery<T> = (room: string, item: T) => void;

/** Options of a {@link RoomCoalescer}. */
export interface RoomCoalescerOptions {
  /**
   * Least time between two deliveries to one room: 250 ms is at most 4 a second, api.md's limit for `kpi.updated`
   * per KPI and slice. @defaultValue 250
   */
  readonly intervalMs?: number;
}

/** A room that delivered less than an interval ago: what came in since waits for the interval's end. */
interface CoolingRoom<T> {
  pending: { readonly item: T } | null;
}

/** Rooms delivered in one synchronous run: their intervals end together, on one timer. */
interface Cohort {
  readonly rooms: string[];
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * A throttle per room with both edges: an item offered to a quiet room is delivered at once, items offered while the
 * room cools down replace one another and the latest is delivered when the interval ends. Deliveries to one room are
 * thus at least `intervalMs` apart, a burst costs a subscriber one message per interval, and the value a burst ends
 * on is always delivered. Rooms are independent; a room with nothing left to deliver is forgotten after one quiet
 * interval, so state stays proportional to the rooms that are busy.
 *
 * Rooms delivered in one synchronous run (one batch of offers, or one interval's end) form a cohort whose intervals
 * end in one timer callback, so that their next deliveries are one run again. Why: the frames a client is sent in one
 * run leave in two TCP writes (the gateway's WebsocketWriteBatching), where a timer per room made each room's
 * delivery a run, and a write, of its own. The cohort's interval starts at its last delivery, so a room delivered
 * late in a long run (the first emit of a burst writes to every client) still waits its whole interval.
 */
export class RoomCoalescer<T> {
  private readonly intervalMs: number;
  private readonly cooling = new Map<string, CoolingRoom<T>>();
  private readonly cohorts = new Set<Cohort>();
  /** The cohort of the current synchronous run; a microtask closes it once the run is over. */
  private forming: Cohort | null = null;
  private stopped = false;

  constructor(
    private readonly deliver: RoomDelivery<T>,
    options: RoomCoalescerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 250;
  }

  /** Delivers `item` to `room` now, or when the room's interval ends if nothing newer comes before. */
  offer(room: string, item: T): void {
    if (this.stopped) return;
    const cooling = this.cooling.get(room);
    if (cooling !== undefined) {
      cooling.pending = { item };
      return;
    }
    this.cooling.set(room, { pending: null });
    this.coolDown(room);
    this.deliver(room, item);
  }

  /** Rooms delivered to within the last interval: for tests and metrics. */
  get busyRooms(): number {
    return this.cooling.size;
  }

  /** Drops every pending item and refuses new ones: the node is going down and its clients are leaving. */
  stop(): void {
    this.stopped = true;
    for (const { timer } of this.cohorts) clearTimeout(timer);
    this.cohorts.clear();
    this.cooling.clear();
  }

  /** Starts `room`'s interval, in the cohort of this run. */
  private coolDown(room: string): void {
    const forming = this.forming;
    if (forming !== null) {
      forming.rooms.push(room);
      forming.timer.refresh();
      return;
    }
    const cohort: Cohort = { rooms: [room], timer: setTimeout(() => this.endInterval(cohort), this.intervalMs) };
    this.cohorts.add(cohort);
    this.forming = cohort;
    queueMicrotask(() => {
      if (this.forming === cohort) this.forming = null;
    });
  }

  private endInterval(cohort: Cohort): void {
    this.cohorts.delete(cohort);
    for (const room of cohort.rooms) {
      const cooling = this.cooling.get(room);
      if (cooling === undefined) continue;
      if (cooling.pending === null) {
        this.cooling.delete(room);
        continue;
      }
      const { item } = cooling.pending;
      cooling.pending = null;
      this.coolDown(room);
      this.deliver(room, item);
    }
  }
}
