/** Where KPI updates travel between the distributed projector and the gateways. */
export interface KafkaKpiUpdatesSettings {
  /** `KAFKA_BROKERS` */
  readonly brokers: readonly string[];
  /** `KAFKA_TOPIC_KPI_UPDATES` @defaultValue `customs.kpi-updates.v1` (in libs/config) */
  readonly topic: string;
  /** The kafkajs client id, for the broker's logs: which app this is. */
  readonly clientId: string;
}
