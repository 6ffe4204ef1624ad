import { describe, expect, it } from '@jest/globals';
import { parsePrometheusText, sampleValue } from './prometheus-text.js';

const SCRAPE = [
  '# HELP requests_total Requests served',
  '# TYPE requests_total counter',
  'requests_total{route="/api",status="200"} 7',
  'requests_total{route="/a \\"quoted\\" \\\\ path",status="500"} 1',
  '# TYPE lag_seconds gauge',
  'lag_seconds NaN',
  '# TYPE write_seconds histogram',
  'write_seconds_bucket{le="+Inf"} 3 1700000000000',
  '',
].join('\n');

describe('parsePrometheusText', () => {
  it('reads each family’s type and each sample with its labels and value', () => {
    const exposition = parsePrometheusText(SCRAPE);

    expect(exposition.types).toEqual(new Map([['requests_total', 'counter'], ['lag_seconds', 'gauge'], ['write_seconds', 'histogram']]));
    expect(exposition.samples).toEqual([
      { name: 'requests_total', labels: { route: '/api', status: '200' }, value: 7 },
      { name: 'requests_total', labels: { route: '/a "quoted" \\ path', status: '500' }, value: 1 },
      { name: 'lag_seconds', labels: {}, value: Number.NaN },
      { name: 'write_seconds_bucket', labels: { le: '+Inf' }, value: 3 },
    ]);
  });

  it('refuses a line that is neither a comment nor a sample, naming it', () => {
    expect(() => parsePrometheusText('requests_total{route="/api"')).toThrow('not a Prometheus sample line: requests_total{route="/api"');
  });
});

describe('sampleValue', () => {
  it('finds the sample whose labels are exactly the ones asked for', () => {
    const exposition = parsePrometheusText(SCRAPE);

    expect(sampleValue(exposition, 'requests_total', { route: '/api', status: '200' })).toBe(7);
    expect(sampleValue(exposition, 'requests_total', { route: '/api' })).toBeUndefined();
    expect(sampleValue(exposition, 'lag_seconds')).toBeNaN();
  });
});
