import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type KpiUpdate } from '@customs-pulse/kpi';
import { type TestBroker, acquireTestBroker, kafkaAvailable, waitUntil } from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';

import { testKafka, testProducer, uniqueName } from '@customs-pulse/testing/kafka';
import { KafkaKpiUpdateListener } from './kafka-kpi-update-listener.js';
import { KafkaKpiUpdatePublisher } from './kafka-kpi-update-publisher.js';

const QUIET = { log: () => undefined, warn: () => undefined, error: () => undefined };

function update(kpiId: KpiUpdate['kpiId'], office: string, value: number, position: number): KpiUpdate {
  return { kpiId, filters: { office }, value, n: 1, window: { from: '2026-03-02T13:00:00.000Z', to: '2026-03-03T13:00:00.000Z' }, position };
}

describeWithInfrastructure('a Kafka broker (Java 17+ for scripts/kafka.sh)', await kafkaAvailable(), 'KPI updates over Kafka', () => {
  let broker: TestBroker;

  beforeAll(async () => {
    broker = await acquireTestBroker();
  }, 300_000);

  afterAll(async () => {
    await broker?.release();
  }, 60_000);

  it('delivers every published update to every gateway, each in a group of its own, skipping a record that is not one', async () => {
    const topic = uniqueName('kpi-updates');
    const kafka = testKafka(broker.bootstrap);
    const publisher = new KafkaKpiUpdatePublisher(kafka, topic);
    await publisher.connect();
    const received: KpiUpdate[][] = [[], []];
    const warnings: string[] = [];
    const gateways = received.map(
      (into, index) =>
        new KafkaKpiUpdateListener(kafka, topic, uniqueName(`gateway-${index}`), (updates) => into.push(...updates), {
          ...QUIET,
          warn: (message: string) => void warnings.push(message),
        }),
    );
    try {
      await Promise.all(gateways.map((gateway) => gateway.start()));
      await Promise.all(gateways.map((gateway) => gateway.joined));
      const stray = testProducer(kafka);
      await stray.connect();
      await stray.send({ topic, messages: [{ key: 'x', value: 'not an update' }] });
      await stray.disconnect();

      const published = [update('seizures_count', 'UZ-TAS', 1, 7), update('seizures_count', 'UZ-SAM', 2, 7), update('backlog', 'UZ-TAS', 40, 9)];
      await publisher.publishKpiUpdates(published.slice(0, 2));
      await publisher.publishKpiUpdates(published.slice(2));

      // The stray record may sit in another partition, read before or after the updates.
      const skipped = () => warnings.filter((warning) => warning.includes('not a KPI update')).length;
      await waitUntil('both gateways have every update and skipped the stray record', () => received.every((into) => into.length === 3) && skipped() === 2, 30_000);
      for (const into of received) expect([...into].sort((a, b) => a.position - b.position || a.value! - b.value!)).toEqual(published);
    } finally {
      await Promise.all(gateways.map((gateway) => gateway.stop()));
      await publisher.close();
    }
  }, 120_000);
});
