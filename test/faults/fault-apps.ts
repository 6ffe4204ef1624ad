import type { AppProcess, AppProcesses } from '@customs-pulse/testing';
import { endOffsets, readRecords } from '@customs-pulse/testing/kafka';
import type { Admin, Kafka } from 'kafkajs';
import { keyOf } from './fault-traffic.js';

/** Where a fault test's apps keep their data and talk to each other. */
export interface FaultDeployment {
  readonly databaseUrl: string;
  readonly schemas: { readonly events: string; readonly kpi: string };
  readonly bootstrap: string;
  readonly groupId: string;
  readonly topics: { readonly clearance: string; readonly enforcement: string; readonly deadLetter: string; readonly kpiUpdates: string };
  readonly jwtSecret: string;
}

/**
 * Starts the ingest worker and the projector of the distributed deployment, each in a process of its own, configured
 * by the environment alone. A killed worker's partitions wait `KAFKA_SESSION_TIMEOUT_MS`: 10 s, not 30 s.
 */
export async function startIngestAndProjector(apps: AppProcesses, deployment: FaultDeployment): Promise<{ ingest: AppProcess; projector: AppProcess }> {
  const { databaseUrl, schemas, bootstrap, groupId, topics, jwtSecret } = deployment;
  const env = {
    EVENT_STORE: 'postgres',
    DATABASE_URL: databaseUrl,
    DATABASE_SCHEMA: schemas.events,
    KPI_SCHEMA: schemas.kpi,
    KAFKA_BROKERS: bootstrap,
    KAFKA_GROUP_ID: groupId,
    KAFKA_SESSION_TIMEOUT_MS: '10000',
    KAFKA_TOPIC_CLEARANCE: topics.clearance,
    KAFKA_TOPIC_ENFORCEMENT: topics.enforcement,
    KAFKA_TOPIC_DEADLETTER: topics.deadLetter,
    KAFKA_TOPIC_KPI_UPDATES: topics.kpiUpdates,
    AUTH_JWT_SECRET: jwtSecret,
  };
  const [ingest, projector] = await Promise.all([
    apps.start({ name: 'ingest', main: 'apps/ingest/src/main.ts', env }),
    apps.start({ name: 'projector', main: 'apps/projector/src/main.ts', env }),
  ]);
  return { ingest, projector };
}

/** The `(source, id)` of every record in the dead-letter topic, as `keyOf` makes them. */
export async function deadLetteredKeys(kafka: Kafka, admin: Admin, topic: string): Promise<Set<string>> {
  const count = [...(await endOffsets(admin, topic)).values()].reduce((sum, end) => sum + end, 0);
  const records = await readRecords(kafka, topic, count);
  return new Set(records.map(({ value }) => keyOf(JSON.parse(String(value)))));
}
