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
  timer: ReturnType<typeof setTimeout>;
}

/**
 * A throttle per room with both edges: an item offered to a quiet room is delivered at once, items offered while the
 * room cools down replace one another and the latest is delivered when the interval ends. Deliveries to one room are
 * thus at least `intervalMs` apart, a burst costs a subscriber one message per interval, and the value a burst ends
 * on is always delivered. Rooms are independent; a room with nothing left to deliver is forgotten after one quiet
 * interval, so state stays proportional to the rooms that are busy.
 */
export class RoomCoalescer<T> {
  private readonly intervalMs: number;
  private readonly cooling = new Map<string, CoolingRoom<T>>();
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
    this.cooling.set(room, { pending: null, timer: this.coolDown(room) });
    this.deliver(room, item);
  }

  /** Rooms delivered to within the last interval: for tests and metrics. */
  get busyRooms(): number {
    return this.cooling.size;
  }

  /** Drops every pending item and refuses new ones: the node is going down and its clients are leaving. */
  stop(): void {
    this.stopped = true;
    for (const { timer } of this.cooling.values()) clearTimeout(timer);
    this.cooling.clear();
  }

  private coolDown(room: string): ReturnType<typeof setTimeout> {
    return setTimeout(() => this.endInterval(room), this.intervalMs);
  }

  private endInterval(room: string): void {
    const cooling = this.cooling.get(room);
    if (cooling === undefined) return;
    if (cooling.pending === null) {
      this.cooling.delete(room);
      return;
    }
    const { item } = cooling.pending;
    cooling.pending = null;
    cooling.timer = this.coolDown(room);
    this.deliver(room, item);
  }
}
