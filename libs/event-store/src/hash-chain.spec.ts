import { createHash } from 'node:crypto';

import { describe, expect, it } from '@jest/globals';

import { clearanceEvent } from './contract/event-fixtures.js';
import { type ChainedFields, chainHash, contentHash, GENESIS_HASH } from './hash-chain.js';
import type { EventToAppend } from './recorded-event.js';

const laneAssigned: EventToAppend = clearanceEvent('DEC-2026-000001', {
  id: 'evt-1',
  source: 'urn:customs:test:asycuda',
  data: { lane: 'GREEN', basis: 'CRITERIA', riskScore: 0.12 },
  extensions: { traceparent: '00-abc-def-01', priority: 2 },
});

const stored: ChainedFields = {
  ...laneAssigned,
  extensions: { traceparent: '00-abc-def-01', priority: 2 },
  stream: 'declaration-DEC-2026-000001',
  revision: 0,
  position: 1,
  recordedAt: '2026-03-01T08:15:01.000Z',
};

const PREVIOUS_HASH = 'a'.repeat(64);

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('GENESIS_HASH', () => {
  it('is 64 zeros, the width of a hex sha256', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });
});

describe('contentHash', () => {
  it('is the same for the same content whatever the key order of data and extensions', () => {
    const reordered: EventToAppend = {
      extensions: { priority: 2, traceparent: '00-abc-def-01' },
      data: { riskScore: 0.12, basis: 'CRITERIA', lane: 'GREEN' },
      time: laneAssigned.time,
      subject: laneAssigned.subject,
      type: laneAssigned.type,
      source: laneAssigned.source,
      id: laneAssigned.id,
    };

    expect(contentHash(reordered)).toBe(contentHash(laneAssigned));
  });

  it.each<[string, Partial<EventToAppend>]>([
    ['data', { data: { lane: 'RED', basis: 'CRITERIA', riskScore: 0.12 } }],
    ['a nested data value', { data: { lane: 'GREEN', basis: 'CRITERIA', riskScore: 0.13 } }],
    ['time', { time: '2026-03-01T08:15:00.001Z' }],
    ['type', { type: 'LaneRerouted' }],
    ['subject', { subject: 'DEC-2026-000002' }],
    ['extensions', { extensions: { traceparent: '00-abc-def-01', priority: 3 } }],
    ['extensions (one removed)', { extensions: { traceparent: '00-abc-def-01' } }],
  ])('differs when %s differs', (_field, change) => {
    expect(contentHash({ ...laneAssigned, ...change })).not.toBe(contentHash(laneAssigned));
  });

  it.each<[string, Partial<EventToAppend>]>([
    ['source', { source: 'urn:customs:test:other-system' }],
    ['id', { id: 'evt-2' }],
  ])('ignores %s, the idempotency key', (_field, change) => {
    expect(contentHash({ ...laneAssigned, ...change })).toBe(contentHash(laneAssigned));
  });

  it('hashes absent extensions like empty ones', () => {
    const { extensions: _extensions, ...withoutExtensions } = laneAssigned;

    expect(contentHash(withoutExtensions)).toBe(contentHash({ ...laneAssigned, extensions: {} }));
  });

  it('is the hex sha256 of the canonical JSON of type, subject, time, data and extensions (known answer)', () => {
    const canonical =
      '{"data":{"basis":"CRITERIA","lane":"GREEN","riskScore":0.12},' +
      '"extensions":{"priority":2,"traceparent":"00-abc-def-01"},' +
      '"subject":"DEC-2026-000001","time":"2026-03-01T08:15:00.000Z","type":"LaneAssigned"}';

    expect(contentHash(laneAssigned)).toBe(sha256(canonical));
    expect(contentHash(laneAssigned)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('chainHash', () => {
  it('is the same for the same link whatever the key order', () => {
    const reordered: ChainedFields = {
      recordedAt: stored.recordedAt,
      position: stored.position,
      revision: stored.revision,
      stream: stored.stream,
      extensions: { priority: 2, traceparent: '00-abc-def-01' },
      data: { riskScore: 0.12, lane: 'GREEN', basis: 'CRITERIA' },
      time: stored.time,
      subject: stored.subject,
      type: stored.type,
      source: stored.source,
      id: stored.id,
    };

    expect(chainHash(PREVIOUS_HASH, reordered)).toBe(chainHash(PREVIOUS_HASH, stored));
  });

  it.each<[string, Partial<ChainedFields>]>([
    ['position', { position: 2 }],
    ['stream', { stream: 'declaration-DEC-2026-000002' }],
    ['revision', { revision: 1 }],
    ['source', { source: 'urn:customs:test:other-system' }],
    ['id', { id: 'evt-2' }],
    ['type', { type: 'LaneRerouted' }],
    ['subject', { subject: 'DEC-2026-000002' }],
    ['time', { time: '2026-03-01T08:15:00.001Z' }],
    ['data', { data: { lane: 'RED', basis: 'CRITERIA', riskScore: 0.12 } }],
    ['extensions', { extensions: { traceparent: '00-abc-def-01', priority: 3 } }],
    ['recordedAt', { recordedAt: '2026-03-01T08:15:01.001Z' }],
  ])('changes when %s changes', (_field, change) => {
    expect(chainHash(PREVIOUS_HASH, { ...stored, ...change })).not.toBe(chainHash(PREVIOUS_HASH, stored));
  });

  it('changes when the previous hash changes', () => {
    expect(chainHash(GENESIS_HASH, stored)).not.toBe(chainHash(PREVIOUS_HASH, stored));
  });

  it('is the hex sha256 of the previous hash, a new line and the canonical JSON of the stored fields (known answer)', () => {
    const canonical =
      '{"data":{"basis":"CRITERIA","lane":"GREEN","riskScore":0.12},' +
      '"extensions":{"priority":2,"traceparent":"00-abc-def-01"},' +
      '"id":"evt-1","position":1,"recordedAt":"2026-03-01T08:15:01.000Z","revision":0,' +
      '"source":"urn:customs:test:asycuda","stream":"declaration-DEC-2026-000001",' +
      '"subject":"DEC-2026-000001","time":"2026-03-01T08:15:00.000Z","type":"LaneAssigned"}';

    expect(chainHash(GENESIS_HASH, stored)).toBe(sha256(`${GENESIS_HASH}\n${canonical}`));
    expect(chainHash(GENESIS_HASH, stored)).toMatch(/^[0-9a-f]{64}$/);
  });
});
