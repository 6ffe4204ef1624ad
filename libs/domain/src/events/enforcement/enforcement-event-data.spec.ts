import { describe, expect, it } from '@jest/globals';

import { anEventOfType, validationRulesAt } from '@customs-pulse/testing';
import { validateEvent } from '../../validation/validate-event.js';
import { type ValidationProblem } from '../../validation/validation-problem.js';
import { DETECTION_METHODS, SEIZURE_CATEGORIES, TRANSPORT_MODES } from '../enumerations.js';
import { type EnforcementEventType } from '../event-types.js';

const rules = validationRulesAt();

function problemsOf(type: EnforcementEventType, data: Record<string, unknown>): readonly ValidationProblem[] {
  const result = validateEvent(anEventOfType(type, 'CASE-2026-0042', data), rules);
  return result.ok ? [] : result.errors;
}

describe('enforcement event data: required fields', () => {
  it.each<[EnforcementEventType, string]>([
    ['SeizureRecorded', 'officeId'],
    ['SeizureRecorded', 'transportMode'],
    ['SeizureRecorded', 'category'],
    ['SeizureRecorded', 'detectionMethod'],
    ['SeizureRecorded', 'quantity'],
    ['SeizureRecorded', 'unit'],
    ['SeizureRecorded', 'estimatedValue'],
    ['OffenceCaseOpened', 'officeId'],
    ['OffenceCaseOpened', 'offenceCode'],
    ['OffenceCaseOpened', 'kind'],
    ['OffenceCaseClosed', 'outcome'],
    ['OffenceCaseClosed', 'penaltyAmount'],
    ['PostClearanceAuditCompleted', 'officeId'],
    ['PostClearanceAuditCompleted', 'traderId'],
    ['PostClearanceAuditCompleted', 'finding'],
    ['PostClearanceAuditCompleted', 'additionalAssessed'],
  ])('rejects a %s without %s', (type, field) => {
    expect(problemsOf(type, { [field]: undefined })).toEqual([{ path: `data.${field}`, message: 'is required' }]);
  });
});

describe('enforcement event data: optional fields', () => {
  it.each<[EnforcementEventType, Record<string, unknown>]>([
    ['SeizureRecorded', { currency: 'USD', declarationId: 'DEC-2026-000001' }],
    ['OffenceCaseOpened', { declarationId: 'DEC-2026-000001' }],
    ['OffenceCaseClosed', { currency: 'USD' }],
    ['PostClearanceAuditCompleted', { currency: 'USD' }],
  ])('accepts a %s with its optional fields %p', (type, data) => {
    expect(problemsOf(type, data)).toEqual([]);
  });

  it.each<[EnforcementEventType]>([['SeizureRecorded'], ['OffenceCaseOpened']])(
    'rejects a %s whose declarationId is empty',
    (type) => {
      expect(problemsOf(type, { declarationId: '' })).toEqual([
        { path: 'data.declarationId', message: 'must be a string of 1 to 128 characters' },
      ]);
    },
  );
});

describe('enforcement event data: enumerations', () => {
  it.each<[string, EnforcementEventType, Record<string, unknown>, string, string]>([
    [
      'a SeizureRecorded whose transportMode is not a UN Rec 19 mode',
      'SeizureRecorded',
      { transportMode: 'HORSE' },
      'transportMode',
      `must be one of ${TRANSPORT_MODES.join(', ')}`,
    ],
    [
      'a SeizureRecorded whose category is not in the list',
      'SeizureRecorded',
      { category: 'CHEESE' },
      'category',
      `must be one of ${SEIZURE_CATEGORIES.join(', ')}`,
    ],
    [
      'a SeizureRecorded whose detectionMethod is not in the list',
      'SeizureRecorded',
      { detectionMethod: 'TIP_OFF' },
      'detectionMethod',
      `must be one of ${DETECTION_METHODS.join(', ')}`,
    ],
    [
      'an OffenceCaseOpened whose kind is not ADMINISTRATIVE or CRIMINAL',
      'OffenceCaseOpened',
      { kind: 'CIVIL' },
      'kind',
      'must be one of ADMINISTRATIVE, CRIMINAL',
    ],
    [
      'an OffenceCaseClosed whose outcome is not PENALTY, SETTLED, ACQUITTED or REFERRED',
      'OffenceCaseClosed',
      { outcome: 'DROPPED' },
      'outcome',
      'must be one of PENALTY, SETTLED, ACQUITTED, REFERRED',
    ],
    [
      'a PostClearanceAuditCompleted whose finding is not COMPLIANT or NON_COMPLIANT',
      'PostClearanceAuditCompleted',
      { finding: 'compliant' },
      'finding',
      'must be one of COMPLIANT, NON_COMPLIANT',
    ],
  ])('rejects %s', (_behaviour, type, data, field, message) => {
    expect(problemsOf(type, data)).toEqual([{ path: `data.${field}`, message }]);
  });

  it.each<[EnforcementEventType, Record<string, unknown>]>([
    ['SeizureRecorded', { transportMode: 'POSTAL', category: 'CULTURAL_HERITAGE', detectionMethod: 'CANINE' }],
    ['OffenceCaseOpened', { kind: 'CRIMINAL' }],
    ['OffenceCaseClosed', { outcome: 'ACQUITTED' }],
    ['PostClearanceAuditCompleted', { finding: 'NON_COMPLIANT' }],
  ])('accepts a %s with the enumerated values %p', (type, data) => {
    expect(problemsOf(type, data)).toEqual([]);
  });
});

describe('enforcement event data: quantities and amounts', () => {
  it.each<[string, EnforcementEventType, Record<string, unknown>, string, string]>([
    ['a seizure of quantity 0', 'SeizureRecorded', { quantity: 0 }, 'quantity', 'must be a number > 0 and at most 10^12'],
    ['a seizure of negative quantity', 'SeizureRecorded', { quantity: -2 }, 'quantity', 'must be a number > 0 and at most 10^12'],
    ['a seizure quantity given as a string', 'SeizureRecorded', { quantity: '5' }, 'quantity', 'must be a number > 0 and at most 10^12'],
    ['an empty seizure unit', 'SeizureRecorded', { unit: '' }, 'unit', 'must be a string of 1 to 128 characters'],
    ['a negative estimatedValue', 'SeizureRecorded', { estimatedValue: -1 }, 'estimatedValue', 'must be a number from 0 to 10^12'],
    [
      'a negative penaltyAmount',
      'OffenceCaseClosed',
      { penaltyAmount: -100 },
      'penaltyAmount',
      'must be a number from 0 to 10^12',
    ],
    [
      'an additionalAssessed given as a string',
      'PostClearanceAuditCompleted',
      { additionalAssessed: '0' },
      'additionalAssessed',
      'must be a number from 0 to 10^12',
    ],
    ['an empty offenceCode', 'OffenceCaseOpened', { offenceCode: '' }, 'offenceCode', 'must be a string of 1 to 128 characters'],
    ['a numeric traderId', 'PostClearanceAuditCompleted', { traderId: 7 }, 'traderId', 'must be a string of 1 to 128 characters'],
  ])('rejects %s', (_behaviour, type, data, field, message) => {
    expect(problemsOf(type, data)).toEqual([{ path: `data.${field}`, message }]);
  });

  it.each<[string, EnforcementEventType, Record<string, unknown>]>([
    ['a seizure of a small positive quantity', 'SeizureRecorded', { quantity: 0.001 }],
    ['a seizure of estimated value 0', 'SeizureRecorded', { estimatedValue: 0 }],
    ['a case closed without penalty', 'OffenceCaseClosed', { outcome: 'ACQUITTED', penaltyAmount: 0 }],
    ['an audit with a decimal additional assessment', 'PostClearanceAuditCompleted', { additionalAssessed: 1520.75 }],
  ])('accepts %s', (_behaviour, type, data) => {
    expect(problemsOf(type, data)).toEqual([]);
  });
});
