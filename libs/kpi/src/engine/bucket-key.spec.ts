import { describe, expect, it } from '@jest/globals';

import { MalformedBucketKeyError, bucketKey, parseBucketKey } from './bucket-key.js';

describe('bucket keys', () => {
  it('names measure, granularity, start and slice, and parses back', () => {
    const address = {
      measure: 'duties',
      granularity: 'hour',
      start: Date.parse('2026-03-02T10:00:00.000Z'),
      slice: 'office=UZ%7CTAS',
    } as const;
    expect(bucketKey(address)).toBe('duties|hour|2026-03-02T10:00:00.000Z|office=UZ%7CTAS');
    expect(parseBucketKey(bucketKey(address))).toEqual(address);
  });

  it('parses the total slice, an empty key part', () => {
    expect(parseBucketKey('backlog|hour|2026-03-02T10:00:00.000Z|').slice).toBe('');
  });

  it.each(['duties|week|2026-03-02T10:00:00.000Z|', 'nothing|hour|2026-03-02T10:00:00.000Z|', 'duties|hour|x|', 'duties|hour'])(
    'refuses %p',
    (key) => {
      expect(() => parseBucketKey(key)).toThrow(MalformedBucketKeyError);
    },
  );
});
