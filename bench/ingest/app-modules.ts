import 'reflect-metadata';
import { register } from 'node:module';

/** What the suite takes from the app: the standalone app's assembly and ingest's Kafka transport. */
export interface AppModules {
  readonly StandaloneModule: typeof import('../../apps/standalone/src/standalone.module.js').StandaloneModule;
  readonly loadConfig: typeof import('@customs-pulse/config').loadConfig;
  readonly createHttpApp: typeof import('@customs-pulse/http').createHttpApp;
  readonly issueAccessToken: typeof import('@customs-pulse/auth').issueAccessToken;
  readonly IngestEventsHandler: typeof import('@customs-pulse/ingest').IngestEventsHandler;
  readonly IngestEventsCommand: typeof import('@customs-pulse/ingest').IngestEventsCommand;
  readonly resolveKafkaIngestOptions: typeof import('@customs-pulse/ingest').resolveKafkaIngestOptions;
  readonly startKafkaIngestApp: typeof import('@customs-pulse/testing/kafka').startKafkaIngestApp;
}

let loading: Promise<AppModules> | undefined;

/**
 * The app's modules, compiled as the build and Jest compile them: with decorator metadata, which tsx (the bench's
 * loader) does not emit and Nest reads wherever a constructor parameter has no explicit token. So an SWC hook is
 * registered first and these modules are imported only then, and the bench measures the code as it ships. A module
 * some other suite already loaded stays as tsx compiled it; none of those (the event store, the domain) uses DI.
 */
export function loadAppModules(): Promise<AppModules> {
  loading ??= (async () => {
    register('./swc-decorator-metadata.hooks.js', import.meta.url);
    const [standalone, config, http, auth, ingest, kafkaApp] = await Promise.all([
      import('../../apps/standalone/src/standalone.module.js'),
      import('@customs-pulse/config'),
      import('@customs-pulse/http'),
      import('@customs-pulse/auth'),
      import('@customs-pulse/ingest'),
      import('@customs-pulse/testing/kafka'),
    ]);
    return {
      StandaloneModule: standalone.StandaloneModule,
      loadConfig: config.loadConfig,
      createHttpApp: http.createHttpApp,
      issueAccessToken: auth.issueAccessToken,
      IngestEventsHandler: ingest.IngestEventsHandler,
      IngestEventsCommand: ingest.IngestEventsCommand,
      resolveKafkaIngestOptions: ingest.resolveKafkaIngestOptions,
      startKafkaIngestApp: kafkaApp.startKafkaIngestApp,
    };
  })();
  return loading;
}
