import { describe, expect, it } from '@jest/globals';

import { RISK_ROOM, kpiRoom } from '../subscriptions/live-rooms.js';
import { liveAudience } from './live-audience.js';

describe('liveAudience', () => {
  it('counts the connected clients, and each KPI and slice each client follows', () => {
    const rooms = new Map<string, Set<string>>([
      // socket.io gives every client a room of its own id; the risk room holds clients for alerts, not subscriptions.
      ['client-a', new Set(['client-a'])],
      ['client-b', new Set(['client-b'])],
      ['client-c', new Set(['client-c'])],
      [RISK_ROOM, new Set(['client-b'])],
      [kpiRoom('backlog', {}), new Set(['client-a', 'client-b'])],
      [kpiRoom('backlog', { office: 'UZ-TAS' }), new Set(['client-a'])],
      [kpiRoom('seizures_count', { office: 'UZ-TAS' }), new Set(['client-b'])],
    ]);

    expect(liveAudience({ sockets: { size: 3 }, adapter: { rooms } })).toEqual({ clients: 3, subscriptions: 4 });
  });

  it('is empty for a namespace nobody joined', () => {
    expect(liveAudience({ sockets: { size: 0 }, adapter: { rooms: new Map() } })).toEqual({ clients: 0, subscriptions: 0 });
  });
});
