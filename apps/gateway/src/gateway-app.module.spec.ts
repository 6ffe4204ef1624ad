import { describe, expect, it } from '@jest/globals';
import { AlertDeliveryObserver, AlertRulesObserver } from '@customs-pulse/alerts';
import { loadConfig } from '@customs-pulse/config';
import { type DynamicModule, type InjectionToken, type Provider } from '@nestjs/common';

import { ProjectorAppModule } from '../../projector/src/projector-app.module.js';
import { GatewayAppModule } from './gateway-app.module.js';

const CONFIG = loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092', DATA_DIR: '/never-opened' });
const SECRET = 'a-secret-of-at-least-thirty-two-bytes!!';

/** The tokens the app named as its KPI projection's commit observers, as KpiModule injects them. */
function commitObserversOf(app: DynamicModule): InjectionToken[] {
  const providers = (app.imports ?? []).flatMap((imported) => ((imported as DynamicModule).providers ?? []) as Provider[]);
  const observers = providers.find((provider) => typeof provider === 'object' && 'provide' in provider && String(provider.provide) === 'Symbol(KpiCommitObservers)');
  if (observers === undefined || !('inject' in observers)) throw new Error('no KpiModule among the imports');
  return (observers.inject ?? []).map((dependency) => (typeof dependency === 'object' && 'token' in dependency ? dependency.token : dependency));
}

describe('who judges the alert rules in the distributed deployment', () => {
  it('a gateway never judges them: it names only the delivery of the alert events the projector stored', () => {
    const observers = commitObserversOf(GatewayAppModule.forRoot(CONFIG, SECRET));

    expect(observers).toEqual([AlertDeliveryObserver]);
    expect(observers).not.toContain(AlertRulesObserver);
  });

  it('the projector is the one process that judges them', () => {
    expect(commitObserversOf(ProjectorAppModule.forRoot(CONFIG, SECRET))).toEqual([AlertRulesObserver]);
  });
});
