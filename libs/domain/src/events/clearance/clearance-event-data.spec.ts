import { describe, expect, it } from '@jest/globals';

import { anEventOfType, validationRulesAt } from '@customs-pulse/testing';
import { validateEvent } from '../../validation/validate-event.js';
import { type ValidationProblem } from '../../validation/validation-problem.js';
import { DISCREPANCY_TYPES, TRANSPORT_MODES } from '../enumerations.js';
import { type ClearanceEventType } from '../event-types.js';

const rules = validationRulesAt();

function problemsOf(type: ClearanceEventType, data: Record<string, unknown>): readonly ValidationProblem[] {
  const result = validateEvent(anEventOfType(type, 'DEC-2026-000001', data), rules);
  return result.ok ? [] : result.errors;
}

describe('clearance event data: required fields', () => {
  it.each<[ClearanceEventType, string]>([
    ['GoodsArrived', 'officeId'],
    ['GoodsArrived', 'transportMode'],
    ['DeclarationLodged', 'officeId'],
    ['DeclarationLodged', 'regime'],
    ['DeclarationLodged', 'transportMode'],
    ['DeclarationLodged', 'declarantId'],
    ['DeclarationLodged', 'aeo'],
    ['DeclarationLodged', 'electronic'],
    ['DeclarationLodged', 'preArrival'],
    ['DeclarationLodged', 'customsValue'],
    ['DeclarationRejected', 'errorCodes'],
    ['LaneAssigned', 'lane'],
    ['LaneAssigned', 'basis'],
    ['LaneRerouted', 'fromLane'],
    ['LaneRerouted', 'toLane'],
    ['LaneRerouted', 'officerId'],
    ['LaneRerouted', 'reason'],
    ['DocumentaryCheckCompleted', 'result'],
    ['ExaminationStarted', 'method'],
    ['ExaminationCompleted', 'result'],
    ['DutiesAssessed', 'amount'],
    ['DutiesPaid', 'amount'],
    ['DutiesPaid', 'method'],
    ['DeclarationCancelled', 'reason'],
  ])('rejects a %s without %s', (type, field) => {
    expect(problemsOf(type, { [field]: undefined })).toEqual([{ path: `data.${field}`, message: 'is required' }]);
  });

  it.each<[ClearanceEventType, string]>([
    ['DeclarationLodged', 'aeo'],
    ['LaneAssigned', 'lane'],
  ])('rejects a %s whose %s is null as missing', (type, field) => {
    expect(problemsOf(type, { [field]: null })).toEqual([{ path: `data.${field}`, message: 'is required' }]);
  });
});

describe('clearance event data: optional fields', () => {
  it.each<[ClearanceEventType, Record<string, unknown>]>([
    ['GoodsArrived', { conveyanceRef: 'TRUCK-01A123BC' }],
    [
      'DeclarationLodged',
      { currency: 'USD', hsCodes: ['0101', '8471300000'], originCountry: 'CN', ecommerce: true },
    ],
    ['LaneAssigned', { riskScore: 0.82, profileIds: ['P-TOBACCO-01', 'P-UNDERVALUATION'] }],
    ['ExaminationStarted', { examinerId: 'EXAMINER-7' }],
    ['ExaminationCompleted', { result: 'DISCREPANCY', discrepancyTypes: ['VALUATION', 'ORIGIN'] }],
    ['DutiesAssessed', { currency: 'USD' }],
    ['DutiesPaid', { currency: 'USD' }],
    ['GoodsReleased', { releaseType: 'AGAINST_GUARANTEE' }],
    ['GoodsExited', { gate: 'GATE-3' }],
  ])('accepts a %s with its optional fields %p', (type, data) => {
    expect(problemsOf(type, data)).toEqual([]);
  });

  it.each<[ClearanceEventType, string, string]>([
    ['GoodsArrived', 'conveyanceRef', 'must be a string of 1 to 128 characters'],
    ['LaneAssigned', 'riskScore', 'must be a number from 0 to 1'],
    ['GoodsReleased', 'releaseType', 'must be one of NORMAL, AGAINST_GUARANTEE'],
  ])('rejects a %s whose optional %s is null: absence is the only way to leave it out', (type, field, message) => {
    expect(problemsOf(type, { [field]: null })).toEqual([{ path: `data.${field}`, message }]);
  });
});

describe('clearance event data: enumerations', () => {
  it.each<[string, ClearanceEventType, Record<string, unknown>, string, string]>([
    [
      'a GoodsArrived whose transportMode is not a UN Rec 19 mode',
      'GoodsArrived',
      { transportMode: 'TRUCK' },
      'transportMode',
      `must be one of ${TRANSPORT_MODES.join(', ')}`,
    ],
    [
      'a DeclarationLodged whose regime is not IMPORT, EXPORT or TRANSIT',
      'DeclarationLodged',
      { regime: 'import' },
      'regime',
      'must be one of IMPORT, EXPORT, TRANSIT',
    ],
    [
      'a LaneAssigned whose lane is not GREEN, YELLOW, RED or BLUE',
      'LaneAssigned',
      { lane: 'PURPLE' },
      'lane',
      'must be one of GREEN, YELLOW, RED, BLUE',
    ],
    [
      'a LaneAssigned whose basis is not CRITERIA, RANDOM or OFFICER',
      'LaneAssigned',
      { basis: 'HUNCH' },
      'basis',
      'must be one of CRITERIA, RANDOM, OFFICER',
    ],
    [
      'a LaneRerouted whose fromLane is not a lane',
      'LaneRerouted',
      { fromLane: 'ORANGE' },
      'fromLane',
      'must be one of GREEN, YELLOW, RED, BLUE',
    ],
    [
      'a LaneRerouted whose toLane is not a lane',
      'LaneRerouted',
      { toLane: 'red' },
      'toLane',
      'must be one of GREEN, YELLOW, RED, BLUE',
    ],
    [
      'a DocumentaryCheckCompleted whose result is not COMPLIANT or DISCREPANCY',
      'DocumentaryCheckCompleted',
      { result: 'OK' },
      'result',
      'must be one of COMPLIANT, DISCREPANCY',
    ],
    [
      'an ExaminationStarted whose method is not NII, PARTIAL or FULL',
      'ExaminationStarted',
      { method: 'XRAY' },
      'method',
      'must be one of NII, PARTIAL, FULL',
    ],
    [
      'an ExaminationCompleted whose result is not NO_FINDING or DISCREPANCY',
      'ExaminationCompleted',
      { result: 'COMPLIANT' },
      'result',
      'must be one of NO_FINDING, DISCREPANCY',
    ],
    [
      'a DutiesPaid whose method is not ELECTRONIC, BANK, CASH or GUARANTEE',
      'DutiesPaid',
      { method: 'CARD' },
      'method',
      'must be one of ELECTRONIC, BANK, CASH, GUARANTEE',
    ],
    [
      'a GoodsReleased whose releaseType is not NORMAL or AGAINST_GUARANTEE',
      'GoodsReleased',
      { releaseType: 'EARLY' },
      'releaseType',
      'must be one of NORMAL, AGAINST_GUARANTEE',
    ],
  ])('rejects %s', (_behaviour, type, data, field, message) => {
    expect(problemsOf(type, data)).toEqual([{ path: `data.${field}`, message }]);
  });

  it.each<[ClearanceEventType, Record<string, unknown>]>([
    ['GoodsArrived', { transportMode: 'FIXED_INSTALLATION' }],
    ['DeclarationLodged', { regime: 'TRANSIT' }],
    ['LaneAssigned', { lane: 'BLUE', basis: 'OFFICER' }],
    ['LaneRerouted', { fromLane: 'YELLOW', toLane: 'BLUE' }],
    ['DocumentaryCheckCompleted', { result: 'DISCREPANCY' }],
    ['ExaminationStarted', { method: 'FULL' }],
    ['DutiesPaid', { method: 'GUARANTEE' }],
    ['GoodsReleased', { releaseType: 'NORMAL' }],
  ])('accepts a %s with the enumerated values %p', (type, data) => {
    expect(problemsOf(type, data)).toEqual([]);
  });
});

describe('clearance event data: numbers, booleans and strings', () => {
  it.each<[string, ClearanceEventType, Record<string, unknown>, string, string]>([
    ['a negative customsValue', 'DeclarationLodged', { customsValue: -0.01 }, 'customsValue', 'must be a number from 0 to 10^12'],
    [
      'a customsValue given as a numeric string',
      'DeclarationLodged',
      { customsValue: '1000' },
      'customsValue',
      'must be a number from 0 to 10^12',
    ],
    ['a negative assessed amount', 'DutiesAssessed', { amount: -1 }, 'amount', 'must be a number from 0 to 10^12'],
    ['a paid amount given as a numeric string', 'DutiesPaid', { amount: '12.50' }, 'amount', 'must be a number from 0 to 10^12'],
    ['a riskScore above 1', 'LaneAssigned', { riskScore: 1.01 }, 'riskScore', 'must be a number from 0 to 1'],
    ['a riskScore below 0', 'LaneAssigned', { riskScore: -0.1 }, 'riskScore', 'must be a number from 0 to 1'],
    [
      'a riskScore given as a string',
      'LaneAssigned',
      { riskScore: '0.5' },
      'riskScore',
      'must be a number from 0 to 1',
    ],
    ['aeo given as the string "true"', 'DeclarationLodged', { aeo: 'true' }, 'aeo', 'must be true or false'],
    ['electronic given as 1', 'DeclarationLodged', { electronic: 1 }, 'electronic', 'must be true or false'],
    ['preArrival given as 0', 'DeclarationLodged', { preArrival: 0 }, 'preArrival', 'must be true or false'],
    ['ecommerce given as "yes"', 'DeclarationLodged', { ecommerce: 'yes' }, 'ecommerce', 'must be true or false'],
    ['an empty officeId', 'GoodsArrived', { officeId: '' }, 'officeId', 'must be a string of 1 to 128 characters'],
    ['a numeric declarantId', 'DeclarationLodged', { declarantId: 1001 }, 'declarantId', 'must be a string of 1 to 128 characters'],
    ['an empty reroute reason', 'LaneRerouted', { reason: '' }, 'reason', 'must be a string of 1 to 1000 characters'],
    [
      'a non-string cancellation reason',
      'DeclarationCancelled',
      { reason: { text: 'x' } },
      'reason',
      'must be a string of 1 to 1000 characters',
    ],
  ])('rejects %s', (_behaviour, type, data, field, message) => {
    expect(problemsOf(type, data)).toEqual([{ path: `data.${field}`, message }]);
  });

  it.each<[string, ClearanceEventType, Record<string, unknown>]>([
    ['a customsValue of 0', 'DeclarationLodged', { customsValue: 0 }],
    ['a decimal customsValue', 'DeclarationLodged', { customsValue: 1234.56 }],
    ['an assessed amount of 0', 'DutiesAssessed', { amount: 0 }],
    ['a riskScore of exactly 0', 'LaneAssigned', { riskScore: 0 }],
    ['a riskScore of exactly 1', 'LaneAssigned', { riskScore: 1 }],
    ['true flags', 'DeclarationLodged', { aeo: true, electronic: true, preArrival: true, ecommerce: false }],
  ])('accepts %s', (_behaviour, type, data) => {
    expect(problemsOf(type, data)).toEqual([]);
  });
});

describe('clearance event data: lists and codes', () => {
  it.each([[['0101']], [['8471300000']], [['0101', '847130', '84713000']], [[]]])(
    'accepts a DeclarationLodged with hsCodes %p',
    (hsCodes) => {
      expect(problemsOf('DeclarationLodged', { hsCodes })).toEqual([]);
    },
  );

  it('rejects each hsCode that is not a string of 4 to 10 digits, by its index', () => {
    const hsCodes = ['0101', '010', '84713000001', 8471, '84.71', 'abcd'];

    expect(problemsOf('DeclarationLodged', { hsCodes })).toEqual([
      { path: 'data.hsCodes.1', message: 'must be a string of 4 to 10 digits' },
      { path: 'data.hsCodes.2', message: 'must be a string of 4 to 10 digits' },
      { path: 'data.hsCodes.3', message: 'must be a string of 4 to 10 digits' },
      { path: 'data.hsCodes.4', message: 'must be a string of 4 to 10 digits' },
      { path: 'data.hsCodes.5', message: 'must be a string of 4 to 10 digits' },
    ]);
  });

  it('rejects hsCodes that is not an array', () => {
    expect(problemsOf('DeclarationLodged', { hsCodes: '0101' })).toEqual([
      { path: 'data.hsCodes', message: 'must be an array of strings of 4 to 10 digits' },
    ]);
  });

  it.each([['UZ'], ['CN'], ['DE']])('accepts the originCountry %s', (originCountry) => {
    expect(problemsOf('DeclarationLodged', { originCountry })).toEqual([]);
  });

  it.each([['uz'], ['XX'], ['UZB'], [''], [860]])(
    'rejects the originCountry %p, not an upper-case ISO 3166-1 alpha-2 code',
    (originCountry) => {
      expect(problemsOf('DeclarationLodged', { originCountry })).toEqual([
        { path: 'data.originCountry', message: 'must be an upper-case ISO 3166-1 alpha-2 country code such as UZ' },
      ]);
    },
  );

  it.each([[[]], ['E101'], [{ 0: 'E101' }]])(
    'rejects a DeclarationRejected whose errorCodes is %p, not a non-empty array',
    (errorCodes) => {
      expect(problemsOf('DeclarationRejected', { errorCodes })).toEqual([
        { path: 'data.errorCodes', message: 'must be a non-empty array of strings of 1 to 128 characters' },
      ]);
    },
  );

  it('rejects each error code of a DeclarationRejected that is not a non-empty string', () => {
    expect(problemsOf('DeclarationRejected', { errorCodes: ['E101', 7, ''] })).toEqual([
      { path: 'data.errorCodes.1', message: 'must be a string of 1 to 128 characters' },
      { path: 'data.errorCodes.2', message: 'must be a string of 1 to 128 characters' },
    ]);
  });

  it('rejects each profile id of a LaneAssigned that is not a non-empty string', () => {
    expect(problemsOf('LaneAssigned', { profileIds: ['P-1', null] })).toEqual([
      { path: 'data.profileIds.1', message: 'must be a string of 1 to 128 characters' },
    ]);
  });

  it('rejects each discrepancy type of an ExaminationCompleted that is not in the list', () => {
    const data = { result: 'DISCREPANCY', discrepancyTypes: ['VALUATION', 'COLOUR'] };

    expect(problemsOf('ExaminationCompleted', data)).toEqual([
      { path: 'data.discrepancyTypes.1', message: `must be one of ${DISCREPANCY_TYPES.join(', ')}` },
    ]);
  });

  it('rejects discrepancyTypes that is not an array', () => {
    expect(problemsOf('ExaminationCompleted', { discrepancyTypes: 'VALUATION' })).toEqual([
      { path: 'data.discrepancyTypes', message: `must be an array of values from ${DISCREPANCY_TYPES.join(', ')}` },
    ]);
  });
});
