import { describe, expect, it } from '@jest/globals';
import type { DeadLetter, DeadLetterSink } from '../../messaging/dead-letter-sink.port.js';
import { countedDeadLetterSink } from './counted-dead-letter-sink.js';

const aLetter = (offset: string): DeadLetter => ({
  record: { topic: 't', partition: 0, offset, key: null, value: null, headers: {} },
  reasons: [{ path: '', message: 'not an event' }],
  deadLetteredAt: new Date('2026-03-01T08:00:00Z'),
});

/** A sink that fails its first `failures` sends. */
function aSink(failures: number): DeadLetterSink {
  let left = failures;
  return {
    connect: async () => undefined,
    close: async () => undefined,
    send: async () => {
      if (left-- > 0) throw new Error('NOT_ENOUGH_REPLICAS');
    },
  };
}

describe('countedDeadLetterSink', () => {
  it('counts the letters of a send once it is acknowledged, and a failed send not at all', async () => {
    const counted: number[] = [];
    const sink = countedDeadLetterSink(aSink(1), { deadLettered: (count) => counted.push(count) });
    const letters = [aLetter('1'), aLetter('4')];

    await expect(sink.send(letters)).rejects.toThrow('NOT_ENOUGH_REPLICAS');
    await sink.send(letters);

    expect(counted).toEqual([2]);
  });
});
