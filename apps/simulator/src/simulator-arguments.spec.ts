import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@customs-pulse/config';
import { parseSimulatorArguments } from './simulator-arguments.js';

const NOW = Date.parse('2026-03-10T06:00:00.000Z');
const parse = (argv: string[], env: Record<string, string> = {}) => parseSimulatorArguments(argv, loadConfig(env), NOW);

describe('parseSimulatorArguments', () => {
  it('defaults to 10 events/s over HTTP to the local app, four offices, seed 1, no history, starting now', () => {
    expect(parse([])).toEqual({
      target: 'http',
      url: 'http://localhost:3000',
      token: undefined,
      brokers: [],
      clearanceTopic: 'customs.clearance.v1',
      enforcementTopic: 'customs.enforcement.v1',
      traffic: { seed: 1, start: NOW, rate: 10, days: 0, offices: 4, incidents: [], reportingCurrency: 'USD' },
      durationSeconds: undefined,
    });
  });

  it('reads every option', () => {
    const settings = parse([
      '--target', 'kafka', '--brokers', 'k1:9092,k2:9092', '--topic-clearance', 'c', '--topic-enforcement', 'e',
      '--rate', '25', '--history-rate', '0.3', '--days', '2.5', '--offices', '7', '--seed', '42',
      '--start', '2026-03-01T10:00:00+05:00', '--duration', '60', '--incident', 'office-slowdown@30', '--incident', 'seizure-spike:UZ-YAL',
    ]);

    expect(settings).toEqual({
      target: 'kafka',
      url: 'http://localhost:3000',
      token: undefined,
      brokers: ['k1:9092', 'k2:9092'],
      clearanceTopic: 'c',
      enforcementTopic: 'e',
      traffic: {
        seed: 42,
        start: Date.parse('2026-03-01T05:00:00Z'),
        rate: 25,
        historyRate: 0.3,
        days: 2.5,
        offices: 7,
        incidents: [
          { kind: 'office-slowdown', afterSeconds: 30 },
          { kind: 'seizure-spike', officeId: 'UZ-YAL', afterSeconds: 0 },
        ],
        reportingCurrency: 'USD',
      },
      durationSeconds: 60,
    });
  });

  it('takes the port, brokers, topics and reporting currency of the deployment from the environment', () => {
    const settings = parse(['--target', 'kafka'], { PORT: '8080', KAFKA_BROKERS: 'kafka:9092', KAFKA_TOPIC_CLEARANCE: 'clr', REPORTING_CURRENCY: 'UZS' });

    expect(settings).toMatchObject({ url: 'http://localhost:8080', brokers: ['kafka:9092'], clearanceTopic: 'clr', traffic: { reportingCurrency: 'UZS' } });
  });

  it('answers --help', () => {
    expect(parse(['--help'])).toBe('help');
  });

  it.each([
    [['--target', 'ftp'], '--target', /http or kafka/],
    [['--target', 'kafka'], '--brokers', /required for --target kafka/],
    [['--rate', 'fast'], '--rate', /number >= 0/],
    [['--history-rate', '0'], '--history-rate', /above 0/],
    [['--days=-1'], '--days', /number >= 0/],
    [['--offices', '100'], '--offices', /whole number from 1 to 99/],
    [['--seed', '1.5'], '--seed', /whole number/],
    [['--start', 'yesterday'], '--start', /RFC 3339/],
    [['--incident', 'flood'], '--incident', /one of office-slowdown/],
    [['--colour', 'red'], 'command line', /Unknown option '--colour'/],
  ])('refuses %p, naming %s', (argv, option, problem) => {
    let thrown: unknown;
    try {
      parse(argv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(thrown).toMatchObject({ variable: option, message: expect.stringMatching(problem) });
  });
});
