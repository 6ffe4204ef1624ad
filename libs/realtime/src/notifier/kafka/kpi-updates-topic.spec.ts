import { describe, expect, it } from '@jest/globals';
import type { Kafka } from 'kafkajs';
import { kpiUpdatesTopicEnds } from './kpi-updates-topic.js';

/** A retriable error as kafkajs raises it (e.g. no controller yet on a broker just started). */
function retriable(message: string): Error {
  return Object.assign(new Error(message), { retriable: true });
}

/** Just the admin calls kpiUpdatesTopicEnds makes; each request answers from its own script, one entry a call. */
function scriptedKafka(script: { createTopics: (Error | boolean)[]; fetchTopicOffsets: (Error | { partition: number; offset: string }[])[] }) {
  const calls = { createTopics: 0, fetchTopicOffsets: 0, disconnected: false };
  const answer = <T>(entries: (Error | T)[], index: number): Promise<T> => {
    const entry = entries[Math.min(index, entries.length - 1)]!;
    return entry instanceof Error ? Promise.reject(entry) : Promise.resolve(entry);
  };
  const admin = {
    connect: async () => undefined,
    disconnect: async () => void (calls.disconnected = true),
    createTopics: () => answer(script.createTopics, calls.createTopics++),
    fetchTopicOffsets: () => answer(script.fetchTopicOffsets, calls.fetchTopicOffsets++),
  };
  return { kafka: { admin: () => admin } as unknown as Kafka, calls };
}

describe('kpiUpdatesTopicEnds', () => {
  it('retries creating the topic while the broker answers retriably, then reads its ends', async () => {
    const ends = [{ partition: 0, offset: '7' }];
    const { kafka, calls } = scriptedKafka({
      createTopics: [retriable('There is no controller'), retriable('There is no controller'), true],
      fetchTopicOffsets: [ends],
    });
    await expect(kpiUpdatesTopicEnds(kafka, 'customs.kpi-updates.v1')).resolves.toEqual(ends);
    expect(calls.createTopics).toBe(3);
    expect(calls.disconnected).toBe(true);
  });

  it('retries reading the ends while a new topic has no leader yet', async () => {
    const ends = [{ partition: 0, offset: '0' }];
    const { kafka, calls } = scriptedKafka({ createTopics: [false], fetchTopicOffsets: [retriable('not the leader'), ends] });
    await expect(kpiUpdatesTopicEnds(kafka, 'customs.kpi-updates.v1')).resolves.toEqual(ends);
    expect(calls.fetchTopicOffsets).toBe(2);
  });

  it('retries creating the topic even when kafkajs reports its failure as not retriable', async () => {
    const ends = [{ partition: 0, offset: '0' }];
    const notLoaded = Object.assign(new Error('Timed out while waiting for topic leaders'), { retriable: false });
    const { kafka, calls } = scriptedKafka({ createTopics: [notLoaded, true], fetchTopicOffsets: [ends] });
    await expect(kpiUpdatesTopicEnds(kafka, 'customs.kpi-updates.v1')).resolves.toEqual(ends);
    expect(calls.createTopics).toBe(2);
  });

  it('gives up reading the ends at once on an error that is not retriable', async () => {
    const { kafka, calls } = scriptedKafka({ createTopics: [true], fetchTopicOffsets: [new Error('Topic authorization failed')] });
    await expect(kpiUpdatesTopicEnds(kafka, 'customs.kpi-updates.v1')).rejects.toThrow('Topic authorization failed');
    expect(calls.fetchTopicOffsets).toBe(1);
    expect(calls.disconnected).toBe(true);
  });
});
