import { describe, expect, it } from '@jest/globals';
import { probeEventLoop } from '@customs-pulse/testing';

import { clearanceHistory } from './testing/events-to-append.js';
import { InMemoryLog, recordedLog } from './testing/in-memory-log.js';
import { verifyChain } from './verify-chain.js';

describe('verifyChain over a long log', () => {
  it('gives the event loop a turn at least every slice while it hashes, also within a page', async () => {
    const log = new InMemoryLog(recordedLog(clearanceHistory(10_000)));
    const probe = probeEventLoop();

    // One page: a turn per page alone would let at most one tick through.
    const verification = await verifyChain(log, { pageSize: 10_000 });
    const stalls = probe.stop();

    expect(verification).toEqual({ ok: true, checked: 10_000 });
    // The bound is loose, the bench measures the real figure.
    // One tick is the proof; how many more depends on how fast the machine runs it (Node 24 ran one scan in 2).
    expect(stalls.ticks).toBeGreaterThanOrEqual(1);
    expect(stalls.longestStallMs).toBeLessThan(200);
  }, 30_000);
});
