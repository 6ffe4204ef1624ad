import { type Socket } from 'socket.io';

/** setTimeout's longest delay (2^31 - 1 ms, about 24.8 days): a later expiry is reached in several steps. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Disconnects `socket` when the token it connected with expires (api.md): a token is checked once, at the handshake,
 * so without this an expired token would keep receiving pushes. The client sees the reason `io server disconnect`
 * and connects again with a fresh token. The timer is cleared when the socket disconnects first.
 */
export function disconnectAtExpiry(socket: Socket, expiresAt: Date): void {
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    const remaining = expiresAt.getTime() - Date.now();
    if (remaining <= 0) {
      socket.disconnect(true);
      return;
    }
    timer = setTimeout(arm, Math.min(remaining, LONGEST_TIMER_MS));
  };
  socket.once('disconnect', () => clearTimeout(timer));
  arm();
}
