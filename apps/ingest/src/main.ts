import 'reflect-metadata';
import { loadConfig, requiredSecret } from '@customs-pulse/config';
import { createHttpApp, runApp } from '@customs-pulse/http';
import { IngestAppModule } from './ingest-app.module.js';

runApp('Ingest', async (logger) => {
  const config = loadConfig();
  const app = await createHttpApp(IngestAppModule.forRoot(config, requiredSecret(config)));
  await app.listen(config.port);
  logger.log(`ingest worker listening on ${config.port}${config.kafka ? `, consuming ${config.kafka.topics.join(', ')}` : ' (HTTP only: KAFKA_BROKERS is not set)'}`);
});
