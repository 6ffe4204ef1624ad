import { describe, expect, it } from '@jest/globals';
import type { ConsumedRecord } from '../../messaging/consumed-record.js';
import { deadLetterHeaders } from './dead-letter-headers.js';

const record: ConsumedRecord = {
  topic: 'customs.clearance.v1',
  partition: 2,
  offset: '9007199254740993',
  key: Buffer.from('DEC-1'),
  value: Buffer.from('{'),
  headers: { 'content-type': Buffer.from('application/cloudevents+json'), traceparent: '00-abc', absent: undefined },
};

describe('deadLetterHeaders', () => {
  const headers = deadLetterHeaders({
    record,
    reasons: [
      { path: 'data.lane', message: 'must be one of GREEN, YELLOW, RED, BLUE' },
      { path: '', message: 'must be valid JSON: "a: b"' },
    ],
    deadLetteredAt: new Date('2026-03-01T08:00:00+05:00'),
  });

  it('names every reason as a JSON array of {path, message}', () => {
    expect(JSON.parse(headers['x-dead-letter-reasons'] as string)).toEqual([
      { path: 'data.lane', message: 'must be one of GREEN, YELLOW, RED, BLUE' },
      { path: '', message: 'must be valid JSON: "a: b"' },
    ]);
  });

  it('names the original topic, partition and offset, and when it was dead-lettered in UTC', () => {
    expect(headers).toMatchObject({
      'x-original-topic': 'customs.clearance.v1',
      'x-original-partition': '2',
      'x-original-offset': '9007199254740993',
      'x-dead-lettered-at': '2026-03-01T03:00:00.000Z',
    });
  });

  it('keeps the original headers, without empty ones', () => {
    expect(headers['content-type']).toEqual(Buffer.from('application/cloudevents+json'));
    expect(headers['traceparent']).toBe('00-abc');
    expect(Object.hasOwn(headers, 'absent')).toBe(false);
  });

  it('replaces an original header of the same name, as when a dead letter is dead-lettered again', () => {
    const again = deadLetterHeaders({
      record: { ...record, headers: { 'x-original-topic': 'elsewhere' } },
      reasons: [],
      deadLetteredAt: new Date(),
    });

    expect(again['x-original-topic']).toBe('customs.clearance.v1');
  });
});
