import { type LiveAudience } from '../hub/live-push-metrics.port.js';
import { isKpiRoom } from '../subscriptions/live-rooms.js';

/** The parts of a socket.io namespace that tell who is there: its sockets and its adapter's rooms. */
export interface NamespaceMembers {
  readonly sockets: { readonly size: number };
  readonly adapter: { readonly rooms: ReadonlyMap<string, ReadonlySet<string>> };
}

/**
 * The audience of a namespace now. Counted from the rooms rather than kept up to date on every (un)subscribe and
 * disconnect: socket.io already holds the truth, and a scrape is rare next to the events that change it.
 */
export function liveAudience(namespace: NamespaceMembers): LiveAudience {
  let subscriptions = 0;
  for (const [room, members] of namespace.adapter.rooms) if (isKpiRoom(room)) subscriptions += members.size;
  return { clients: namespace.sockets.size, subscriptions };
}
