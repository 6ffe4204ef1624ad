import { describe, expect, it } from '@jest/globals';
import { AlertDeliveryObserver, AlertRulesObserver } from '@customs-pulse/alerts';
import { loadConfig } from '@customs-pulse/config';
import { READINESS_CHECKS } from '@customs-pulse/http';
import { SILENT_TARGET_PUBLISHER, TargetWatch } from '@customs-pulse/kpi';
import { TargetPlanReadiness } from '@customs-pulse/kpi/api';
import { KafkaKpiUpdatePublisher } from '@customs-pulse/realtime';
import { type DynamicModule, type InjectionToken, type Provider } from '@nestjs/common';

import { ProjectorAppModule } from '../../projector/src/projector-app.module.js';
import { StandaloneModule } from '../../standalone/src/standalone.module.js';
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

    expect(observers).toEqual([AlertDeliveryObserver, TargetWatch]);
    expect(observers).not.toContain(AlertRulesObserver);
  });

  it('the projector is the one process that judges them', () => {
    expect(commitObserversOf(ProjectorAppModule.forRoot(CONFIG, SECRET))).toEqual([AlertRulesObserver, TargetWatch]);
  });
});

/** The target publisher the app's TargetsModule was given: the token it injects, or the value it uses. */
function targetPublisherOf(app: DynamicModule): unknown {
  const providers = (app.imports ?? []).flatMap((imported) => ((imported as DynamicModule).providers ?? []) as Provider[]);
  const publisher = providers.find((provider) => typeof provider === 'object' && 'provide' in provider && String(provider.provide) === 'Symbol(TargetPublisher)');
  if (publisher === undefined) throw new Error('no TargetsModule among the imports');
  if ('useValue' in publisher) return publisher.useValue;
  const [dependency] = ('inject' in publisher ? publisher.inject : undefined) ?? [];
  return typeof dependency === 'object' && 'token' in dependency ? dependency.token : dependency;
}

describe('who pushes target.updated in the distributed deployment', () => {
  it('the projector judges the targets and publishes them with the KPI updates', () => {
    expect(targetPublisherOf(ProjectorAppModule.forRoot(CONFIG, SECRET))).toBe(KafkaKpiUpdatePublisher);
  });

  it('a gateway publishes nothing itself: its pushes arrive over Kafka', () => {
    expect(targetPublisherOf(GatewayAppModule.forRoot(CONFIG, SECRET))).toBe(SILENT_TARGET_PUBLISHER);
  });
});

/** The tokens of the readiness checks the app names for `GET /health/ready`. */
function readinessChecksOf(app: DynamicModule): InjectionToken[] {
  const checks = ((app.providers ?? []) as Provider[]).find((provider) => typeof provider === 'object' && 'provide' in provider && provider.provide === READINESS_CHECKS);
  if (checks === undefined || !('inject' in checks)) throw new Error('no READINESS_CHECKS among the providers');
  return (checks.inject ?? []).map((dependency) => (typeof dependency === 'object' && 'token' in dependency ? dependency.token : dependency));
}

describe('who tells readiness of the target plan', () => {
  it('every app that runs the targets: the projector, a gateway and the standalone app', () => {
    expect(readinessChecksOf(ProjectorAppModule.forRoot(CONFIG, SECRET))).toContain(TargetPlanReadiness);
    expect(readinessChecksOf(GatewayAppModule.forRoot(CONFIG, SECRET))).toContain(TargetPlanReadiness);
    expect(readinessChecksOf(StandaloneModule.forRoot(CONFIG, SECRET))).toContain(TargetPlanReadiness);
  });
});
