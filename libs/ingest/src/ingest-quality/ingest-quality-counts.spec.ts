import { describe, expect, it } from '@jest/globals';
import { addQualityCounts, NO_QUALITY_COUNTS, qualityCountsOf } from './ingest-quality-counts.js';
import { MAX_REJECTION_REASONS, OTHER_REJECTION_REASON } from './rejection-reason-cap.js';

const lane = { path: 'data.lane', message: 'must be one of GREEN, YELLOW, RED, BLUE' };
const hsCode = (index: number) => ({ path: `data.hsCodes.${index}`, message: 'must be a string of 4 to 10 digits' });

describe('qualityCountsOf', () => {
  it('counts each rejected event once under each of its reasons, and the duplicates', () => {
    const counts = qualityCountsOf({
      duplicates: 2,
      rejected: [
        { index: 0, errors: [lane, hsCode(1), hsCode(3)] },
        { index: 4, errors: [hsCode(0)] },
      ],
    });

    expect(counts).toEqual({
      rejected: 2,
      rejectedByReason: new Map([
        ['data.lane: must be one of GREEN, YELLOW, RED, BLUE', 1],
        ['data.hsCodes.*: must be a string of 4 to 10 digits', 2],
      ]),
      duplicates: 2,
    });
  });
});

describe('addQualityCounts', () => {
  it('adds counts, reason by reason', () => {
    const once = qualityCountsOf({ duplicates: 1, rejected: [{ index: 0, errors: [lane] }] });

    expect(addQualityCounts(addQualityCounts(NO_QUALITY_COUNTS, once), once)).toEqual({
      rejected: 2,
      rejectedByReason: new Map([['data.lane: must be one of GREEN, YELLOW, RED, BLUE', 2]]),
      duplicates: 2,
    });
  });

  it(`keeps at most ${MAX_REJECTION_REASONS} reasons by name, and counts the rest under other`, () => {
    const many = new Map(Array.from({ length: MAX_REJECTION_REASONS + 5 }, (_, i) => [`reason ${i}`, 1] as const));

    const total = addQualityCounts(NO_QUALITY_COUNTS, { rejected: many.size, rejectedByReason: many, duplicates: 0 });

    expect(total.rejectedByReason.size).toBe(MAX_REJECTION_REASONS + 1);
    expect(total.rejectedByReason.get(OTHER_REJECTION_REASON)).toBe(5);
  });
});
