import 'reflect-metadata';
import { loadConfig, requiredSecret } from '@customs-pulse/config';
import { createHttpApp, runApp } from '@customs-pulse/http';
import { ProjectorAppModule } from './projector-app.module.js';

runApp('Projector', async (logger) => {
  const config = loadConfig();
  const app = await createHttpApp(ProjectorAppModule.forRoot(config, requiredSecret(config)));
  await app.listen(config.port);
  logger.log(`KPI projector listening on ${config.port}, read model ${config.kpi.readModel.adapter}`);
});
