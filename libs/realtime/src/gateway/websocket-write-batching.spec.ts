import { beforeEach, describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';

import { type CorkableSocket, type EngineConnection, WebsocketWriteBatching } from './websocket-write-batching.js';

/** A TCP socket that logs its corks and uncorks among the writes. */
class FakeTcpSocket implements CorkableSocket {
  corked = 0;
  constructor(private readonly log: string[]) {}

  cork(): void {
    this.corked += 1;
    this.log.push('cork');
  }

  uncork(): void {
    this.corked -= 1;
    this.log.push('uncork');
  }
}

const websocket = (tcp: CorkableSocket): EngineConnection => ({ transport: { name: 'websocket', socket: { _socket: tcp } } });

let log: string[];
let engine: EventEmitter;

beforeEach(() => {
  log = [];
  engine = new EventEmitter();
  new WebsocketWriteBatching().attach(engine);
});

/** engine.io flushing `packets` packets to `connection`: its `flush` event, the transport's writes, its `drain`. */
function flush(connection: EngineConnection, packets: number): void {
  engine.emit('flush', connection, Array.from({ length: packets }, () => ({ type: 'message' })));
  for (let packet = 0; packet < packets; packet += 1) log.push('write');
  engine.emit('drain', connection);
}

describe('WebsocketWriteBatching', () => {
  it('corks a client’s TCP socket while engine.io hands it the packets queued in a burst, and uncorks it after', () => {
    const tcp = new FakeTcpSocket(log);

    flush(websocket(tcp), 3);

    expect(log).toEqual(['cork', 'write', 'write', 'write', 'uncork']);
    expect(tcp.corked).toBe(0);
  });

  it('corks each client once per flush, only its own socket', () => {
    const [a, b] = [new FakeTcpSocket(log), new FakeTcpSocket(log)];
    const [toA, toB] = [websocket(a), websocket(b)];

    flush(toA, 26);
    flush(toB, 26);
    flush(toA, 2);

    expect(log.filter((line) => line !== 'write')).toEqual(['cork', 'uncork', 'cork', 'uncork', 'cork', 'uncork']);
    expect([a.corked, b.corked]).toEqual([0, 0]);
  });

  it('leaves a single packet alone: it is one write anyway', () => {
    flush(websocket(new FakeTcpSocket(log)), 1);

    expect(log).toEqual(['write']);
  });

  it('leaves long polling, and a websocket whose TCP socket it cannot reach, as they are', () => {
    flush({ transport: { name: 'polling' } }, 3);
    flush({ transport: { name: 'websocket', socket: {} } }, 3);

    expect(log).toEqual(Array.from({ length: 6 }, () => 'write'));
  });
});
