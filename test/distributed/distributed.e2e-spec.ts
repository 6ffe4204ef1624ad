/**
 * The distributed deployment (architecture.md, issue 7): an ingest worker, the projector and two gateways, each its
 * own Nest app with its own module graph, on one real PostgreSQL (event store, KPI read model, ingest tally) and one
 * real Kafka broker (producers' topics and KPI updates). They share this Jest process only to keep the test fast;
 * nothing passes between them but PostgreSQL, Kafka and HTTP.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { issueAccessToken } from '@customs-pulse/auth';
import { loadConfig } from '@customs-pulse/config';
import { createHttpApp } from '@customs-pulse/http';
import {
  type TestBroker,
  acquireTestBroker,
  anEvent,
  dropSchemas,
  kafkaAvailable,
  postgresAvailable,
  postgresUrl,
  uniqueSchemaName,
  waitUntil,
} from '@customs-pulse/testing';
import { describeWithInfrastructure } from '@customs-pulse/testing/jest';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { io, type Socket } from 'socket.io-client';

import { GatewayAppModule } from '../../apps/gateway/src/gateway-app.module.js';
import { IngestAppModule } from '../../apps/ingest/src/ingest-app.module.js';
import { ProjectorAppModule } from '../../apps/projector/src/projector-app.module.js';
import { uniqueName } from '../fixtures/kafka/kafka-topics.js';

const SECRET = 'distributed-e2e-secret-of-at-least-32-bytes';
const infrastructure = (await postgresAvailable()) && (await kafkaAvailable());

interface KpiUpdated {
  readonly kpiId: string;
  readonly filters: Record<string, string>;
  readonly value: number | null;
  readonly n: number;
  readonly position: number;
}

describeWithInfrastructure('PostgreSQL and a Kafka broker', infrastructure, 'the distributed deployment', () => {
  let broker: TestBroker;
  const apps: INestApplication[] = [];
  const sockets: Socket[] = [];
  const schemas = { events: uniqueSchemaName('dist_events'), kpi: uniqueSchemaName('dist_kpi') };
  const urls: Record<'ingest' | 'projector' | 'gatewayA' | 'gatewayB', string> = { ingest: '', projector: '', gatewayA: '', gatewayB: '' };
  let operator = '';
  let ingestToken = '';

  async function start(module: DynamicModule): Promise<string> {
    const app = await createHttpApp(module, { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    apps.push(app);
    return app.getUrl();
  }

  async function get(base: string, path: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${operator}` } });
    return response.json();
  }

  beforeAll(async () => {
    broker = await acquireTestBroker();
    const key = new TextEncoder().encode(SECRET);
    operator = await issueAccessToken(key, ['operator']);
    ingestToken = await issueAccessToken(key, ['ingest']);
    const config = loadConfig({
      PORT: '0',
      EVENT_STORE: 'postgres',
      DATABASE_URL: postgresUrl,
      DATABASE_SCHEMA: schemas.events,
      KPI_SCHEMA: schemas.kpi,
      KAFKA_BROKERS: broker.bootstrap,
      KAFKA_GROUP_ID: uniqueName('ingest'),
      KAFKA_TOPIC_KPI_UPDATES: uniqueName('kpi-updates'),
      AUTH_JWT_SECRET: SECRET,
    });
    // Producers' topics are left unconsumed here: events come in over HTTP, the Kafka ingest has its own tests.
    urls.ingest = await start(IngestAppModule.forRoot({ ...config, kafka: undefined }, SECRET));
    urls.projector = await start(ProjectorAppModule.forRoot(config, SECRET));
    urls.gatewayA = await start(GatewayAppModule.forRoot(config, SECRET));
    urls.gatewayB = await start(GatewayAppModule.forRoot(config, SECRET));
  }, 300_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const app of apps.reverse()) await app.close();
    await broker?.release();
    await dropSchemas([schemas.events, schemas.kpi, `${schemas.kpi}_g1`]);
  }, 120_000);

  it('gives socket.io clients on two gateways the same KPI values as the REST API', async () => {
    const received: Record<'gatewayA' | 'gatewayB', KpiUpdated[]> = { gatewayA: [], gatewayB: [] };
    for (const gateway of ['gatewayA', 'gatewayB'] as const) {
      const socket = io(`${urls[gateway]}/live`, { auth: { token: operator }, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(socket);
      socket.on('kpi.updated', (update: KpiUpdated) => received[gateway].push(update));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      await socket.timeout(10_000).emitWithAck('subscribe', { kpis: ['seizures_count', 'release_time_mean'], office: 'UZ-TAS' });
    }
    // Readiness includes the gateways' Kafka listeners having joined their groups: updates published from now on arrive.
    for (const gateway of ['gatewayA', 'gatewayB'] as const) {
      await waitUntil(`${gateway} is ready`, async () => (await fetch(`${urls[gateway]}/health/ready`)).status === 200, 90_000);
    }

    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
    const events = [
      anEvent.seizureRecorded('S-D1', { officeId: 'UZ-TAS', category: 'TOBACCO' }, { time: hoursAgo(2) }),
      anEvent.seizureRecorded('S-D2', { officeId: 'UZ-TAS', category: 'ALCOHOL' }, { time: hoursAgo(1) }),
      anEvent.goodsArrived('D-D1', { officeId: 'UZ-TAS' }, { time: hoursAgo(5) }),
      anEvent.declarationLodged('D-D1', { officeId: 'UZ-TAS' }, { time: hoursAgo(4) }),
      anEvent.goodsReleased('D-D1', {}, { time: hoursAgo(2) }),
    ];
    const response = await fetch(`${urls.ingest}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ingestToken}` },
      body: JSON.stringify(events),
    });
    expect(await response.json()).toMatchObject({ accepted: 5 });

    const latest = (gateway: 'gatewayA' | 'gatewayB', kpiId: string) => received[gateway].filter((update) => update.kpiId === kpiId).at(-1);
    await waitUntil(
      'both gateways pushed the new values',
      () => (['gatewayA', 'gatewayB'] as const).every((gateway) => latest(gateway, 'seizures_count')?.value === 2 && latest(gateway, 'release_time_mean')?.value === 3),
      60_000,
    );
    for (const kpiId of ['seizures_count', 'release_time_mean']) {
      const rest = await get(urls.gatewayA, `/api/kpis/${kpiId}/current?office=UZ-TAS`);
      const restB = await get(urls.gatewayB, `/api/kpis/${kpiId}/current?office=UZ-TAS`);
      for (const gateway of ['gatewayA', 'gatewayB'] as const) {
        expect(latest(gateway, kpiId)).toMatchObject({ value: rest.value, n: rest.n, filters: { office: 'UZ-TAS' } });
      }
      expect(restB).toMatchObject({ value: rest.value, n: rest.n });
    }
  }, 180_000);
});
