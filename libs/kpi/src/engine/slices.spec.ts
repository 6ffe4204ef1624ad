import { describe, expect, it } from '@jest/globals';

import { TOTAL_SLICE, declarationSlices, filtersOfSlice, seizureSlices, sliceKey, sliceKeysOf } from './slices.js';

describe('slice keys', () => {
  it('orders dimensions alphabetically, whatever order the filters come in', () => {
    expect(sliceKey({ transportMode: 'SEA', regime: 'IMPORT', office: 'UZ-TAS' })).toBe(
      'office=UZ-TAS&regime=IMPORT&transportMode=SEA',
    );
  });

  it('is empty for the total, and ignores undefined filters', () => {
    expect(sliceKey({})).toBe(TOTAL_SLICE);
    expect(sliceKey({ office: undefined, regime: 'EXPORT' })).toBe('regime=EXPORT');
  });

  it('encodes values so that no office id can forge a separator, and decodes them back', () => {
    const filters = { office: 'A&transportMode=SEA', category: 'DRUGS' };
    expect(sliceKey(filters)).toBe('category=DRUGS&office=A%26transportMode%3DSEA');
    expect(filtersOfSlice(sliceKey(filters))).toEqual(filters);
  });

  it('lists the total and every combination of the attributes an observation has', () => {
    expect(sliceKeysOf({ office: 'O1', transportMode: 'SEA', regime: 'IMPORT' })).toEqual([
      '',
      'office=O1',
      'regime=IMPORT',
      'office=O1&regime=IMPORT',
      'transportMode=SEA',
      'office=O1&transportMode=SEA',
      'regime=IMPORT&transportMode=SEA',
      'office=O1&regime=IMPORT&transportMode=SEA',
    ]);
    expect(sliceKeysOf({ office: undefined, transportMode: 'AIR' })).toEqual(['', 'transportMode=AIR']);
  });

  it('returns the same array for the same attributes, so unchanged slices compare by reference', () => {
    expect(sliceKeysOf({ office: 'O7' })).toBe(sliceKeysOf({ office: 'O7' }));
  });
});

describe('slices by attribute values', () => {
  it('are the slices of those attributes, the same array each time, an unknown one left out', () => {
    expect(declarationSlices('O1', null, 'IMPORT')).toBe(sliceKeysOf({ office: 'O1', regime: 'IMPORT' }));
    expect(declarationSlices(null, null, null)).toEqual([TOTAL_SLICE]);
    expect(seizureSlices('O1', 'SEA', 'DRUGS')).toBe(sliceKeysOf({ office: 'O1', transportMode: 'SEA', category: 'DRUGS' }));
    expect(seizureSlices('O1', 'SEA', 'DRUGS')).toHaveLength(8);
  });
});
