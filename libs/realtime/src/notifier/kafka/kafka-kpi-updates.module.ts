import {
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { LiveHub } from '../../hub/live-hub.js';
import { KafkaKpiUpdateListener } from './kafka-kpi-update-listener.js';
import { KafkaKpiUpdatePublisher } from './kafka-kpi-update-publisher.js';
import { kafkaKpiUpdatesClient } from './kafka-kpi-updates-client.js';
import { type KafkaKpiUpdatesSettings } from './kafka-kpi-updates-settings.js';

const logger = new Logger('KpiUpdates');

/** Connects the publisher before the projection can publish, closes it after the projection stopped. */
@Injectable()
class PublisherLifecycle implements BeforeApplicationShutdown {
  constructor(@Inject(KafkaKpiUpdatePublisher) private readonly publisher: KafkaKpiUpdatePublisher) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.publisher.close();
  }
}

/** Starts listening once the hub exists; stops before the gateway goes down. */
@Injectable()
class ListenerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(KafkaKpiUpdateListener) private readonly listener: KafkaKpiUpdateListener) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.listener.stop();
  }
}

/**
 * The KPI update transport of the distributed deployment (architecture.md): `publisher` is the projector's
 * notifier (the app names `KafkaKpiUpdatePublisher` in `KpiModule.forRoot`), `listener` feeds a gateway's {@link LiveHub} from the topic, in a consumer group of its own.
 */
@Module({})
export class KafkaKpiUpdatesModule {
  /** The projector side: provides {@link KafkaKpiUpdatePublisher} globally, so that KpiModule sees it when the app names it. */
  static publisher(settings: KafkaKpiUpdatesSettings): DynamicModule {
    return {
      module: KafkaKpiUpdatesModule,
      global: true,
      providers: [
        {
          provide: KafkaKpiUpdatePublisher,
          useFactory: async () => {
            const publisher = new KafkaKpiUpdatePublisher(kafkaKpiUpdatesClient(settings, logger), settings.topic);
            await publisher.connect();
            return publisher;
          },
        },
        PublisherLifecycle,
      ],
      exports: [KafkaKpiUpdatePublisher],
    };
  }

  /**
   * The gateway side: needs `LiveHub` (RealtimeModule). The group is `<groupPrefix>-<random>` unless `groupId` names
   * one, so that two gateways never share a group and each sees every update.
   */
  static listener(settings: KafkaKpiUpdatesSettings & { readonly groupId?: string; readonly groupPrefix?: string }): DynamicModule {
    const groupId = settings.groupId ?? `${settings.groupPrefix ?? 'customs-pulse-gateway'}-${randomUUID()}`;
    return {
      module: KafkaKpiUpdatesModule,
      providers: [
        {
          provide: KafkaKpiUpdateListener,
          inject: [LiveHub],
          useFactory: (hub: LiveHub) =>
            new KafkaKpiUpdateListener(
              kafkaKpiUpdatesClient(settings, logger),
              settings.topic,
              groupId,
              (updates) => hub.pushKpiUpdates(updates),
              logger,
              (targets) => void hub.publishTargetUpdates(targets),
            ),
        },
        ListenerLifecycle,
      ],
      exports: [KafkaKpiUpdateListener],
    };
  }
}
