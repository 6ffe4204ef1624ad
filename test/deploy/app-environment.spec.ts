import { describe, expect, it } from '@jest/globals';
import { CONFIG_VARIABLES, loadConfig } from '@customs-pulse/config';
import { logSettingsFrom } from '@customs-pulse/http';

type Environment = Record<string, string>;

/**
 * Environments that take `loadConfig` down each of its branches between them: every store, Kafka on, the simulator
 * on. A variable read only on a new branch needs its environment here, or the first test below fails.
 */
const BRANCHES: readonly Environment[] = [
  {},
  { EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://db/customs', KAFKA_BROKERS: 'kafka:9092', SIMULATE: '1' },
  { EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://kurrentdb:2113?tls=false', DATABASE_URL: 'postgres://db/customs' },
];

/** The names `read` looks up in `env`, seen through a proxy. */
function namesRead(read: (env: Environment) => unknown, env: Environment): Set<string> {
  const names = new Set<string>();
  const recorder = new Proxy(env, {
    get(target, name, receiver) {
      if (typeof name === 'string') names.add(name);
      return Reflect.get(target, name, receiver);
    },
  });
  read(recorder);
  return names;
}

const sorted = (names: Iterable<string>): string[] => [...new Set(names)].sort();
const readElsewhere = CONFIG_VARIABLES.filter((variable) => 'readElsewhere' in variable);
const readByLoadConfig = CONFIG_VARIABLES.filter((variable) => !('readElsewhere' in variable));

describe('the environment of an app', () => {
  it('holds only CONFIG_VARIABLES, and loadConfig reads every one not marked as read elsewhere', () => {
    const read = BRANCHES.flatMap((env) => [...namesRead(loadConfig, env)]);

    expect(sorted(read)).toEqual(sorted(readByLoadConfig.map(({ name }) => name)));
  });

  it('holds the logger’s variables, read before the configuration, with the defaults CONFIG_VARIABLES shows', () => {
    const defaults = Object.fromEntries(readElsewhere.map((variable) => [variable.name, variable.default]));

    expect(sorted(namesRead(logSettingsFrom, {}))).toEqual(sorted(readElsewhere.map(({ name }) => name)));
    expect(logSettingsFrom(defaults)).toEqual(logSettingsFrom({}));
  });

  it.each(BRANCHES)('reads every catalogued default as if the variable were unset, on %p', (env) => {
    const defaults = Object.fromEntries(CONFIG_VARIABLES.flatMap((variable) => ('default' in variable ? [[variable.name, variable.default]] : [])));

    expect(loadConfig({ ...defaults, ...env })).toEqual(loadConfig(env));
  });
});
