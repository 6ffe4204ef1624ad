import { type Namespace } from 'socket.io';

import { type LivePushMetrics } from '../hub/live-push-metrics.port.js';
import { type LiveRooms } from '../hub/live-rooms.port.js';

/**
 * The rooms of a socket.io namespace, on this node (the in-memory adapter: each gateway pushes to its own clients).
 * Each emit is counted as one frame per member of the room.
 */
export function namespaceRooms(namespace: Namespace, metrics: Pick<LivePushMetrics, 'framesSent'>): LiveRooms {
  return {
    has: (room) => namespace.adapter.rooms.has(room),
    emit: (room, event, payload) => {
      namespace.to(room).emit(event, payload);
      metrics.framesSent(event, namespace.adapter.rooms.get(room)?.size ?? 0);
    },
  };
}
