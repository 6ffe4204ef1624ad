/**
 * The clients of one node, grouped in rooms: what the {@link LiveHub} pushes to. The gateway backs it with its
 * socket.io namespace; a test with a list.
 */
export interface LiveRooms {
  /** Whether any client of this node is in `room`. */
  has(room: string): boolean;
  /** Sends `event` with `payload` to every client in `room`. */
  emit(room: string, event: string, payload: unknown): void;
}
