import { describe, expect, it } from '@jest/globals';

import { bucketStart } from './bucket-time.js';

const ms = (iso: string): number => Date.parse(iso);

describe('UTC buckets', () => {
  it('puts an instant at exactly 10:00 in [10:00, 11:00), and 10:59:59.999 in the hour before 11:00', () => {
    expect(bucketStart(ms('2026-03-02T10:00:00.000Z'), 'hour')).toBe(ms('2026-03-02T10:00:00.000Z'));
    expect(bucketStart(ms('2026-03-02T10:59:59.999Z'), 'hour')).toBe(ms('2026-03-02T10:00:00.000Z'));
  });

  it('cuts days at midnight UTC', () => {
    expect(bucketStart(ms('2026-03-02T23:59:59.999Z'), 'day')).toBe(ms('2026-03-02T00:00:00.000Z'));
    expect(bucketStart(ms('2026-03-03T00:00:00.000Z'), 'day')).toBe(ms('2026-03-03T00:00:00.000Z'));
  });
});
