import { io, type Socket } from 'socket.io-client';

/** A KPI's value as `GET /api/kpis/current` lists it. */
export interface KpiValue {
  readonly kpiId: string;
  readonly value: number | null;
  readonly n: number;
}

/** A `kpi.updated` push, or an entry of a `subscribe` snapshot (api.md, "Live push"). */
interface LiveValue extends KpiValue {
  readonly filters: Readonly<Record<string, string>>;
}

interface Snapshot {
  readonly position: number;
  readonly values: readonly LiveValue[];
}

/**
 * What a dashboard connected to one gateway shows: the `subscribe` snapshot of every KPI (`"*"`) under one slice,
 * each value replaced by any `kpi.updated` of at least its position. Pushes of a position older than the value held
 * are ones the snapshot already includes.
 */
export class LiveKpiView {
  private readonly shown = new Map<string, LiveValue & { readonly position: number }>();
  /** `kpi.updated` pushes received for this slice. */
  updates = 0;

  private constructor(
    private readonly socket: Socket,
    private readonly filters: Readonly<Record<string, string>>,
  ) {}

  /** Connects to `<gatewayUrl>/live` with an operator token and subscribes to every KPI under `filters`. */
  static async open(gatewayUrl: string, token: string, filters: Readonly<Record<string, string>> = {}): Promise<LiveKpiView> {
    const socket = io(`${gatewayUrl}/live`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    const view = new LiveKpiView(socket, filters);
    // Listening before subscribing: a push between the snapshot and its acknowledgement is not lost.
    socket.on('kpi.updated', (update: LiveValue & { readonly position: number }) => {
      if (view.apply(update, update.position)) view.updates += 1;
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const ack: Snapshot | { readonly error: unknown } = await socket.timeout(30_000).emitWithAck('subscribe', { kpis: '*', ...filters });
      if ('error' in ack) throw new Error(`subscribe was refused: ${JSON.stringify(ack.error)}`);
      for (const value of ack.values) view.apply(value, ack.position);
    } catch (error) {
      socket.disconnect();
      throw error;
    }
    return view;
  }

  /** The values shown, in the order of the snapshot (the catalogue's, as `GET /api/kpis/current` lists them). */
  values(): KpiValue[] {
    return [...this.shown.values()].map(({ kpiId, value, n }) => ({ kpiId, value, n }));
  }

  /** True when the view shows exactly `values` (e.g. a REST answer's, which come from another realm than Jest's). */
  shows(values: readonly KpiValue[]): boolean {
    return canonical(this.values()) === canonical(values);
  }

  close(): void {
    this.socket.disconnect();
  }

  /** Shows `update` unless it is of another slice or older than the value shown; says whether it did. */
  private apply(update: LiveValue, position: number): boolean {
    if (canonical(update.filters) !== canonical(this.filters)) return false;
    const held = this.shown.get(update.kpiId);
    if (held !== undefined && held.position > position) return false;
    this.shown.set(update.kpiId, { ...update, position });
    return true;
  }
}

/**
 * A comparable text of KPI values or filters. Not `isDeepStrictEqual`: it compares prototypes, and a parsed HTTP
 * answer (from fetch, outside Jest's sandbox) has another `Object.prototype` than an object made in a test.
 */
function canonical(value: readonly KpiValue[] | Readonly<Record<string, string>>): string {
  if (Array.isArray(value)) return JSON.stringify(value.map(({ kpiId, value: shown, n }: KpiValue) => [kpiId, shown, n]));
  return JSON.stringify(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)));
}
