import { describe, expect, it } from '@jest/globals';
import { CONFIG_VARIABLES, type CustomsPulseApp, loadConfig, requiredSecret } from '@customs-pulse/config';
import { readFileSync } from 'node:fs';
import { buildOutputProblem } from './app-build-outputs.js';
import {
  containerPortsOf,
  dependenciesOf,
  environmentOf,
  healthCheckPortOf,
  hostPortsOf,
  nodeScriptOf,
  readComposeFile,
  REPOSITORY,
} from './compose-file.js';

/** The secrets a user must set, which have no default; the rest as a user gets who sets nothing. */
const SECRETS = { AUTH_JWT_SECRET: 'a-secret-of-the-operator-at-least-32-bytes', POSTGRES_PASSWORD: 'a0b1c2d3e4f5' };
const compose = readComposeFile(SECRETS);
const { services } = compose;

/** The app a service runs, from its command (`node apps/<app>/dist/main.js`). */
function appOf(name: string): CustomsPulseApp | undefined {
  return /^apps\/([a-z-]+)\//.exec(nodeScriptOf(services[name]!) ?? '')?.[1] as CustomsPulseApp | undefined;
}

const appServices = Object.keys(services).filter((name) => appOf(name) !== undefined);
const distributedApps = ['ingest', 'projector', 'gateway'];

/** Jobs that serve nothing: nothing can probe them, and nothing waits for them to be healthy. */
const JOBS = ['kafka-topics', 'simulator'];

/** The Compose services behind the addresses a configuration names: its stores and brokers. */
function serversNamedBy(env: Record<string, string>): string[] {
  const config = loadConfig(env);
  const hosts = [
    ...(config.eventStore.adapter === 'kurrentdb' ? [new URL(config.eventStore.connectionString).hostname] : []),
    ...(config.database ? [new URL(config.database.connectionString).hostname] : []),
    ...(config.kafka?.brokers ?? []).map((broker) => broker.split(':')[0]!),
  ];
  return [...new Set(hosts)];
}

/** The `listen` port and the `http://<service>:<port>` upstreams of the edge's nginx configuration. */
function edgeRouting(): { listen: number; upstreams: { service: string; port: number }[] } {
  const content = compose.configs?.['edge']?.content ?? '';
  const upstreams = [...content.matchAll(/http:\/\/([a-z-]+):(\d+)/g)].map(([, service, port]) => ({ service: service!, port: Number(port) }));
  return { listen: Number(/^\s*listen (\d+);/m.exec(content)?.[1]), upstreams };
}

describe('docker-compose.yml', () => {
  it('runs Kafka, KurrentDB and PostgreSQL, the three distributed apps behind one edge, and the simulator', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['edge', 'gateway', 'ingest', 'kafka', 'kafka-topics', 'kurrentdb', 'postgres', 'projector', 'simulator'].sort(),
    );
    expect(services['kafka']!.image).toMatch(/^apache\/kafka:/);
    expect(services['kafka-topics']!.image).toBe(services['kafka']!.image);
    expect(services['kurrentdb']!.image).toMatch(/^docker\.kurrent\.io\/kurrent-latest\/kurrentdb:/);
    expect(services['postgres']!.image).toMatch(/^postgres:15/);
    expect(Object.fromEntries(appServices.map((name) => [name, appOf(name)]))).toEqual({
      ingest: 'ingest',
      projector: 'projector',
      gateway: 'gateway',
      simulator: 'simulator',
    });
  });

  it('builds every app from the Dockerfile, as one image', () => {
    const images = new Set(appServices.map((name) => services[name]!.image));

    expect(images.size).toBe(1);
    for (const name of appServices) expect(services[name]!.build).toBe('.');
  });

  it.each(appServices)('runs %s from a build output of its app', (name) => {
    expect(buildOutputProblem(nodeScriptOf(services[name]!)!)).toBeUndefined();
  });

  it.each(appServices)('sets %s only catalogued variables its app reads', (name) => {
    const app = appOf(name)!;
    const readers = (variable: string): readonly CustomsPulseApp[] => CONFIG_VARIABLES.find((catalogued) => catalogued.name === variable)?.readBy ?? [];
    const unread = Object.keys(environmentOf(services[name]!)).filter((variable) => !readers(variable).includes(app));

    expect(unread).toEqual([]);
  });

  it.each(distributedApps)('gives %s all it needs: a secret, KurrentDB, PostgreSQL and Kafka', (name) => {
    const config = loadConfig(environmentOf(services[name]!));

    expect(requiredSecret(config)).toBeDefined();
    expect(config.eventStore.adapter).toBe('kurrentdb');
    expect(config.database).toBeDefined();
    expect(config.kafka).toBeDefined();
    if (name !== 'ingest') expect(config.kpi.readModel.adapter).toBe('postgres');
  });

  it('lets the simulator send to the topics ingest consumes, in the currency ingest accepts', () => {
    const ingest = loadConfig(environmentOf(services['ingest']!));
    const simulator = loadConfig(environmentOf(services['simulator']!));

    expect(nodeScriptOf(services['simulator']!)).toBe('apps/simulator/dist/main.js');
    expect(services['simulator']!.command).toEqual(expect.arrayContaining(['--target', 'kafka']));
    expect(simulator.kafka).toMatchObject({ brokers: ingest.kafka!.brokers, topics: ingest.kafka!.topics });
    expect(simulator.reportingCurrency).toBe(ingest.reportingCurrency);
  });

  it('gives every app the AUTH_JWT_SECRET of the environment, the same for all', () => {
    const secret = 'a-secret-of-the-operator-at-least-32-bytes';
    const withSecret = readComposeFile({ ...SECRETS, AUTH_JWT_SECRET: secret });

    for (const name of distributedApps) expect(environmentOf(withSecret.services[name]!)['AUTH_JWT_SECRET']).toBe(secret);
  });

  it.each(Object.keys(SECRETS))('stops at once, naming it, when %s is not set: there is no default to fall back to', (name) => {
    expect(() => readComposeFile({ ...SECRETS, [name]: undefined })).toThrow(new RegExp(`^${name}: set ${name}`));
  });

  it.each(['docker-compose.yml', 'Dockerfile'])('%s falls back to no known secret', (file) => {
    const text = readFileSync(new URL(file, REPOSITORY), 'utf8');
    const secretName = /SECRET|PASSWORD|TOKEN|KEY/i;
    // A default (`${NAME:-x}`, `${NAME-x}`), or a value baked into the image (`ENV NAME=x`, `ARG NAME=x`).
    const defaulted = [...text.matchAll(/\$\{(\w+):?-/g), ...text.matchAll(/^\s*(?:ENV|ARG)\s+(\w+)[=\s]/gm)].map(([, name]) => name!);
    // A secret written into the file as it is (`AUTH_JWT_SECRET: abc`, `POSTGRES_PASSWORD=abc`).
    const literal = [...text.matchAll(/^\s*-?\s*(\w+)\s*[:=]\s*(?!\$\{)\S/gm)].map(([, name]) => name!);

    expect([...defaulted, ...literal].filter((name) => secretName.test(name))).toEqual([]);
  });

  it('connects the apps to PostgreSQL as the user, with the password, to the database it is started with', () => {
    const postgres = environmentOf(services['postgres']!);
    for (const name of distributedApps) {
      const url = new URL(loadConfig(environmentOf(services[name]!)).database!.connectionString);

      expect([url.username, url.password, url.pathname]).toEqual([postgres['POSTGRES_USER'], postgres['POSTGRES_PASSWORD'], `/${postgres['POSTGRES_DB']}`]);
    }
  });

  it.each(appServices)('starts %s once every store and broker it is given is healthy', (name) => {
    const servers = serversNamedBy(environmentOf(services[name]!));
    const dependencies = dependenciesOf(services[name]!);

    expect(servers.length).toBeGreaterThan(0);
    for (const server of servers) {
      expect(Object.keys(services)).toContain(server);
      expect([server, dependencies[server]]).toEqual([server, 'service_healthy']);
    }
  });

  it('creates the producers’ and dead-letter topics before ingest or the simulator use them', () => {
    const kafka = loadConfig(environmentOf(services['ingest']!)).kafka!;

    expect(environmentOf(services['kafka-topics']!)['TOPICS']!.split(/\s+/)).toEqual([...kafka.topics, kafka.deadLetterTopic]);
    expect(dependenciesOf(services['kafka-topics']!)).toEqual({ kafka: 'service_healthy' });
    for (const name of ['ingest', 'simulator']) expect(dependenciesOf(services[name]!)['kafka-topics']).toBe('service_completed_successfully');
  });

  it('starts the gateways once the projector, whose read model and KPI updates they follow, is ready', () => {
    expect(dependenciesOf(services['gateway']!)['projector']).toBe('service_healthy');
    expect(dependenciesOf(services['simulator']!)['ingest']).toBe('service_healthy');
  });

  it('has a health check on every service but the jobs, and nothing waits for a job to be healthy', () => {
    for (const [name, service] of Object.entries(services)) {
      if (JOBS.includes(name)) continue;
      expect([name, service.healthcheck?.test]).toEqual([name, expect.anything()]);
      expect(service.healthcheck?.disable).not.toBe(true);
    }
    for (const service of Object.values(services)) {
      for (const [dependency, condition] of Object.entries(dependenciesOf(service))) {
        if (JOBS.includes(dependency)) expect(condition).toBe('service_completed_successfully');
      }
    }
  });

  it.each(distributedApps)('probes %s on its PORT, the port every published port of it leads to', (name) => {
    const service = services[name]!;
    const port = loadConfig(environmentOf(service)).port;

    expect(healthCheckPortOf(service)).toBe(port);
    for (const published of containerPortsOf(service)) expect(published).toBe(port);
  });

  it('leaves gateways and ingest workers free to scale: no fixed host port, no shared gateway group', () => {
    for (const name of ['gateway', 'ingest']) expect(hostPortsOf(services[name]!).filter((port) => port !== undefined)).toEqual([]);
    expect(loadConfig(environmentOf(services['gateway']!)).kafka!.gatewayGroupId).toBeUndefined();
  });

  it('routes the edge to services on their PORT, listens where it is published and probed', () => {
    const { listen, upstreams } = edgeRouting();

    expect(upstreams.map(({ service }) => service).sort()).toEqual(['gateway', 'ingest', 'projector']);
    for (const { service, port } of upstreams) expect(port).toBe(loadConfig(environmentOf(services[service]!)).port);
    expect(containerPortsOf(services['edge']!)).toEqual([listen]);
    expect(healthCheckPortOf(services['edge']!)).toBe(listen);
    for (const { service } of upstreams) {
      if (service !== 'projector') expect(dependenciesOf(services['edge']!)[service]).toBe('service_healthy');
    }
  });

  it('probes KurrentDB where it listens', () => {
    expect(containerPortsOf(services['kurrentdb']!)).toContain(healthCheckPortOf(services['kurrentdb']!));
  });
});
