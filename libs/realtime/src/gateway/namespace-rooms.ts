import { type Namespace } from 'socket.io';

import { type LiveRooms } from '../hub/live-rooms.port.js';

/** The rooms of a socket.io namespace, on this node (the in-memory adapter: each gateway pushes to its own clients). */
export function namespaceRooms(namespace: Namespace): LiveRooms {
  return {
    has: (room) => namespace.adapter.rooms.has(room),
    emit: (room, event, payload) => {
      namespace.to(room).emit(event, payload);
    },
  };
}
