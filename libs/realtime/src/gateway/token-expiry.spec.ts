import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { type Socket } from 'socket.io';

import { disconnectAtExpiry } from './token-expiry.js';

/** The part of a socket.io socket the timer uses: `disconnect`, and the `disconnect` event it emits. */
class FakeSocket extends EventEmitter {
  readonly disconnect = jest.fn((_close?: boolean) => {
    this.emit('disconnect', 'server namespace disconnect');
    return this;
  });
}

describe('disconnectAtExpiry', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-03-01T08:00:00Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('closes the connection when the token expires, not before', () => {
    const socket = new FakeSocket();
    disconnectAtExpiry(socket as unknown as Socket, new Date('2026-03-01T08:00:30Z'));

    jest.advanceTimersByTime(29_999);
    expect(socket.disconnect).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(socket.disconnect).toHaveBeenCalledWith(true);
  });

  it('clears its timer when the client disconnects first', () => {
    const socket = new FakeSocket();
    disconnectAtExpiry(socket as unknown as Socket, new Date('2026-03-01T09:00:00Z'));

    socket.emit('disconnect', 'client namespace disconnect');

    expect(jest.getTimerCount()).toBe(0);
  });

  it('reaches an expiry beyond setTimeout’s longest delay in steps', () => {
    const socket = new FakeSocket();
    disconnectAtExpiry(socket as unknown as Socket, new Date('2026-04-15T08:00:00Z'));

    jest.advanceTimersByTime(2 ** 31);
    expect(socket.disconnect).not.toHaveBeenCalled();
    jest.advanceTimersByTime(45 * 86_400_000);
    expect(socket.disconnect).toHaveBeenCalledTimes(1);
  });
});
