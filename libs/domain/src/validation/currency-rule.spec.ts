import { describe, expect, it } from '@jest/globals';

import { anEventOfType, validationRulesAt } from '@customs-pulse/testing';
import { CURRENCY_BEARING_EVENT_TYPES, PRODUCER_EVENT_TYPES } from '../events/event-types.js';
import { validateEvent } from './validate-event.js';

const usd = validationRulesAt(undefined, 'USD');
const currencyFreeTypes = PRODUCER_EVENT_TYPES.filter(
  (type) => !(CURRENCY_BEARING_EVENT_TYPES as readonly string[]).includes(type),
);

describe('validateEvent: the reporting-currency rule', () => {
  it.each(CURRENCY_BEARING_EVENT_TYPES)('accepts a %s in the reporting currency', (type) => {
    expect(validateEvent(anEventOfType(type, 'CASE-1', { currency: 'USD' }), usd)).toMatchObject({ ok: true });
  });

  it.each(CURRENCY_BEARING_EVENT_TYPES)('accepts a %s without currency', (type) => {
    expect(validateEvent(anEventOfType(type, 'CASE-1', { currency: undefined }), usd)).toMatchObject({ ok: true });
  });

  it.each(CURRENCY_BEARING_EVENT_TYPES)('rejects a %s in another currency, naming both currencies', (type) => {
    expect(validateEvent(anEventOfType(type, 'CASE-1', { currency: 'EUR' }), usd)).toMatchObject({
      ok: false,
      errors: [{ path: 'data.currency', message: 'must be USD, the reporting currency (got EUR)' }],
    });
  });

  it('follows the configured reporting currency', () => {
    const uzs = validationRulesAt(undefined, 'UZS');

    expect(validateEvent(anEventOfType('DutiesPaid', 'DEC-1', { currency: 'UZS' }), uzs)).toMatchObject({ ok: true });
    expect(validateEvent(anEventOfType('DutiesPaid', 'DEC-1', { currency: 'USD' }), uzs)).toMatchObject({
      ok: false,
      errors: [{ path: 'data.currency', message: 'must be UZS, the reporting currency (got USD)' }],
    });
  });

  it.each([['usd'], ['US'], [840]])('rejects the malformed currency %p once, as malformed', (currency) => {
    expect(validateEvent(anEventOfType('DutiesAssessed', 'DEC-1', { currency }), usd)).toMatchObject({
      ok: false,
      errors: [{ path: 'data.currency', message: 'must be a three-letter upper-case currency code such as USD' }],
    });
  });

  it.each(currencyFreeTypes)('rejects currency on a %s, which carries no amount', (type) => {
    expect(validateEvent(anEventOfType(type, 'CASE-1', { currency: 'USD' }), usd)).toMatchObject({
      ok: false,
      errors: [{ path: 'data.currency', message: `is not a field of ${type}` }],
    });
  });
});
