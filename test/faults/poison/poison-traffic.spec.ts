import { describe, expect, it } from '@jest/globals';
import { validateEventJson } from '@customs-pulse/domain';
import { TestClock } from '@customs-pulse/testing';
import { MALFORMED_KINDS } from './malformed-inputs.js';
import { type BatchItem, planPoisonTraffic } from './poison-traffic.js';

const nowMs = Date.parse('2026-03-10T07:05:00.000Z');
const traffic = planPoisonTraffic({ seed: 42, malformedInputs: MALFORMED_KINDS.length * 4, nowMs });
const rules = { clock: new TestClock(new Date(nowMs).toISOString()), reportingCurrency: 'USD' };
const items: BatchItem[] = [
  ...traffic.records.map((record) => record.input),
  ...traffic.requests.flatMap((request) => ('batch' in request ? request.batch : [{ malformed: request.wholeBody }])),
];

describe('the poison-input traffic', () => {
  it('sends every kind of malformed input over both transports', () => {
    const overKafka = new Set(traffic.records.flatMap(({ input }) => ('malformed' in input ? [input.malformed.kind] : [])));
    const overHttp = new Set(traffic.requests.flatMap((request) => ('batch' in request ? request.batch : [{ malformed: request.wholeBody }]).flatMap((item) => ('malformed' in item ? [item.malformed.kind] : []))));

    expect([...overKafka].sort()).toEqual([...MALFORMED_KINDS].sort());
    expect([...overHttp].sort()).toEqual([...MALFORMED_KINDS].sort());
  });

  it('holds only valid inputs that validation accepts and malformed ones it refuses for the reason each expects', () => {
    const wrong = items.flatMap((item) => {
      if ('valid' in item) {
        const result = validateEventJson(item.valid.text, rules);
        return result.ok ? [] : [`${item.valid.key}: ${JSON.stringify(result.errors)}`];
      }
      const { kind, bytes, reason } = item.malformed;
      const result = validateEventJson(bytes, rules);
      const named = !result.ok && result.errors.some(({ path, message }) => path === reason.path && reason.message.test(message));
      return named ? [] : [`${kind}: ${JSON.stringify(result)}`];
    });

    expect(wrong).toEqual([]);
    expect(items.filter((item) => 'valid' in item)).toHaveLength(traffic.valid.length);
  });

  it('keeps a body of bad bytes out of the batches, in a request of its own', () => {
    const inBatches = traffic.requests.flatMap((request) => ('batch' in request ? request.batch : []));

    expect(inBatches.filter((item) => 'malformed' in item && item.malformed.wholeBodyDetail !== undefined)).toEqual([]);
    expect(traffic.requests.some((request) => 'wholeBody' in request)).toBe(true);
  });
});
