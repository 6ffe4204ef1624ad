import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { JsonLineLogger } from './json-line-logger.js';

/** What the logger wrote to stdout and stderr, as written. */
let written: { stdout: string; stderr: string };

beforeEach(() => {
  written = { stdout: '', stderr: '' };
  for (const stream of ['stdout', 'stderr'] as const) {
    jest.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => {
      written[stream] += String(chunk);
      return true;
    });
  }
});

afterEach(() => {
  jest.restoreAllMocks();
});

/** Each line written to `stream`, parsed: fails the test if a line is not one JSON object. */
function records(stream: 'stdout' | 'stderr'): Record<string, unknown>[] {
  expect(written[stream].endsWith('\n')).toBe(true);
  return written[stream].slice(0, -1).split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('JsonLineLogger', () => {
  it('writes one JSON object per line: time, level, context and message first', () => {
    const logger = new JsonLineLogger(['log', 'warn', 'error']);

    logger.log('projection caught up', 'KpiProjection');
    logger.warn('store slow', 'Ingest');

    const [first, second] = records('stdout');
    expect(Object.keys(first!).slice(0, 4)).toEqual(['time', 'level', 'context', 'message']);
    expect(first).toMatchObject({ level: 'log', context: 'KpiProjection', message: 'projection caught up' });
    expect(second).toMatchObject({ level: 'warn', context: 'Ingest', message: 'store slow' });
    expect(first!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(first).not.toHaveProperty('timestamp');
  });

  it('keeps a multi-line message and its stack trace inside one line, on stderr for an error', () => {
    const logger = new JsonLineLogger(['error']);
    const error = new Error('store unavailable');

    logger.error('append failed\nretrying', error.stack, 'KafkaIngest');

    const lines = records('stderr');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', context: 'KafkaIngest', message: 'append failed\nretrying', stack: error.stack });
  });

  it('says context null for a logger without one, so every record has the same fields', () => {
    new JsonLineLogger(['log']).log('hello');

    expect(records('stdout')[0]).toMatchObject({ context: null, message: 'hello' });
  });

  it('writes nothing below its levels', () => {
    const logger = new JsonLineLogger(['warn', 'error', 'fatal']);

    logger.log('routine');
    logger.debug('detail');

    expect(written.stdout).toBe('');
  });
});
