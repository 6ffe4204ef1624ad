import 'reflect-metadata';
import { loadConfig } from '@customs-pulse/config';
import { createHttpApp, runApp } from '@customs-pulse/http';
import { demoAccess } from './demo-access.js';
import { StandaloneModule } from './standalone.module.js';

runApp('Standalone', async (logger) => {
  const config = loadConfig();
  const access = await demoAccess(config.authJwtSecret, config.accessTokens);
  const app = await createHttpApp(StandaloneModule.forRoot(config, access.secret));
  await app.listen(config.port);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  logger.log(`Customs Pulse is running at ${url} (data in ${config.dataDir})`);
  logger.log(`Dashboard: open ${url}/ in a browser and sign in with an operator, risk or auditor token`);
  if (access.generated) {
    logger.log('AUTH_JWT_SECRET is not set: generated one for this run. Demo tokens (Authorization: Bearer <token>):');
    for (const [role, token] of Object.entries(access.tokens)) logger.log(`  ${role.padEnd(8)} ${token}`);
  }
});
