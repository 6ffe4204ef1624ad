import { postgresUrl, uniqueSchemaName } from '@customs-pulse/testing';
import { uniqueName } from '@customs-pulse/testing/kafka';

/** The names one test's deployment owns: its PostgreSQL schemas, its topics and its ingest consumer group. */
export interface DeploymentNames {
  readonly schemas: { readonly events: string; readonly kpi: string };
  readonly topics: { readonly clearance: string; readonly enforcement: string; readonly deadLetter: string; readonly kpiUpdates: string };
  readonly groupId: string;
}

/** Fresh names, prefixed by `prefix`, so that tests never see each other's events, records or offsets. */
export function uniqueDeploymentNames(prefix: string): DeploymentNames {
  return {
    schemas: { events: uniqueSchemaName(`${prefix}_events`), kpi: uniqueSchemaName(`${prefix}_kpi`) },
    topics: { clearance: uniqueName('clearance'), enforcement: uniqueName('enforcement'), deadLetter: uniqueName('deadletter'), kpiUpdates: uniqueName('kpi-updates') },
    groupId: uniqueName('ingest'),
  };
}

/**
 * The environment every app of the deployment is configured by, as in production: the event store and KPI read
 * model on PostgreSQL, Kafka, and the one secret of the access tokens.
 * @param sessionTimeoutMs - how long a killed worker's partitions wait for the group to notice (the default is 30 s).
 */
export function deploymentEnvironment({ schemas, topics, groupId }: DeploymentNames, bootstrap: string, jwtSecret: string, sessionTimeoutMs: number): Record<string, string> {
  return {
    EVENT_STORE: 'postgres',
    DATABASE_URL: postgresUrl,
    DATABASE_SCHEMA: schemas.events,
    KPI_SCHEMA: schemas.kpi,
    KAFKA_BROKERS: bootstrap,
    KAFKA_GROUP_ID: groupId,
    KAFKA_SESSION_TIMEOUT_MS: String(sessionTimeoutMs),
    KAFKA_TOPIC_CLEARANCE: topics.clearance,
    KAFKA_TOPIC_ENFORCEMENT: topics.enforcement,
    KAFKA_TOPIC_DEADLETTER: topics.deadLetter,
    KAFKA_TOPIC_KPI_UPDATES: topics.kpiUpdates,
    AUTH_JWT_SECRET: jwtSecret,
    // GATEWAY_GROUP_ID is left to its default, a random group per gateway: each must see every update.
  };
}
