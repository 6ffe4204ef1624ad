import 'reflect-metadata';
import { loadConfig, requiredSecret } from '@customs-pulse/config';
import { createHttpApp, runApp } from '@customs-pulse/http';
import { GatewayAppModule } from './gateway-app.module.js';

runApp('Gateway', async (logger) => {
  const config = loadConfig();
  const app = await createHttpApp(GatewayAppModule.forRoot(config, requiredSecret(config)));
  await app.listen(config.port);
  logger.log(`gateway listening on ${config.port}: API, /live and the dashboard`);
});
