import { isISO31661Alpha2 } from 'class-validator';

import { MAX_AMOUNT, MAX_FREE_TEXT_CHARACTERS, MAX_IDENTIFIER_CHARACTERS } from '../validation/limits.js';
import { isStringOfLength } from '../validation/text-length.js';

/**
 * A rule for one JSON value of an event's `data`: how to recognise a good value, and what the producer is told
 * otherwise. Kept apart from the decorators so that list rules can check each item with the same rule and point at
 * the offending index (`data.hsCodes.1`), which class-validator's `each` option cannot do.
 */
export interface FieldCheck {
  /** Constraint name, as class-validator reports it. */
  readonly name: string;
  /** Whether `value` satisfies the rule. */
  readonly test: (value: unknown) => boolean;
  /** What is expected, phrased to follow a path: `data.lane: must be one of GREEN, YELLOW, RED, BLUE`. */
  readonly expected: string;
}

/** A rule for an array whose items each follow {@link ListCheck.item}. */
export interface ListCheck extends FieldCheck {
  readonly item: FieldCheck;
  /** Whether an empty array is refused. */
  readonly nonEmpty: boolean;
}

function isFiniteNumber(value: unknown): value is number {
  // Numbers must be JSON numbers: numeric strings ("12.5") are refused, and so are NaN and ±Infinity, which a
  // JSON body cannot carry but a caller handing over a JS object could.
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * An identifier or code (`officeId`, `declarantId`, `unit`, ...): 1 to 128 characters (events.md, "Limits on
 * values"), so every store and index can hold it.
 */
export const identifier: FieldCheck = {
  name: 'identifier',
  test: (value) => isStringOfLength(value, MAX_IDENTIFIER_CHARACTERS),
  expected: `must be a string of 1 to ${MAX_IDENTIFIER_CHARACTERS} characters`,
};

/** A free-text `reason`: 1 to 1,000 characters (events.md, "Limits on values"). */
export const freeText: FieldCheck = {
  name: 'freeText',
  test: (value) => isStringOfLength(value, MAX_FREE_TEXT_CHARACTERS),
  expected: `must be a string of 1 to ${MAX_FREE_TEXT_CHARACTERS} characters`,
};

/** A real JSON boolean, not `"true"` or `1`. */
export const flag: FieldCheck = {
  name: 'flag',
  test: (value) => typeof value === 'boolean',
  expected: 'must be true or false',
};

/**
 * A money amount in the reporting currency: a decimal number from 0 to 10^12, the bound under which sums of many
 * amounts stay exact (events.md, "Limits on values").
 */
export const amount: FieldCheck = {
  name: 'amount',
  test: (value) => isFiniteNumber(value) && value >= 0 && value <= MAX_AMOUNT,
  expected: 'must be a number from 0 to 10^12',
};

/** A seized quantity: a number > 0 (a seizure of nothing is not a seizure), at most 10^12. */
export const positiveQuantity: FieldCheck = {
  name: 'positiveQuantity',
  test: (value) => isFiniteNumber(value) && value > 0 && value <= MAX_AMOUNT,
  expected: 'must be a number > 0 and at most 10^12',
};

/** A probability such as a risk score: a number from 0 to 1 inclusive. */
export const fraction: FieldCheck = {
  name: 'fraction',
  test: (value) => isFiniteNumber(value) && value >= 0 && value <= 1,
  expected: 'must be a number from 0 to 1',
};

const upperCaseCountryCode = /^[A-Z]{2}$/;

/**
 * An ISO 3166-1 alpha-2 country code. Upper case only: the value is stored unchanged and becomes a KPI slice, so
 * `uz` and `UZ` must not be two countries.
 */
export const countryCode: FieldCheck = {
  name: 'countryCode',
  test: (value) => typeof value === 'string' && upperCaseCountryCode.test(value) && isISO31661Alpha2(value),
  expected: 'must be an upper-case ISO 3166-1 alpha-2 country code such as UZ',
};

const currencyCodeFormat = /^[A-Z]{3}$/;

/** The shape of an ISO 4217 currency code; which code is accepted is the reporting-currency rule's business. */
export const currencyCode: FieldCheck = {
  name: 'currencyCode',
  test: (value) => typeof value === 'string' && currencyCodeFormat.test(value),
  expected: 'must be a three-letter upper-case currency code such as USD',
};

const hsCodeFormat = /^[0-9]{4,10}$/;

/** A Harmonized System code: heading (4 digits) down to a national tariff line (up to 10 digits). */
export const hsCode: FieldCheck = {
  name: 'hsCode',
  test: (value) => typeof value === 'string' && hsCodeFormat.test(value),
  expected: 'must be a string of 4 to 10 digits',
};

/** One of a closed set of values, compared exactly (case-sensitive). */
export function oneOf(values: readonly string[]): FieldCheck {
  const allowed: ReadonlySet<unknown> = new Set(values);
  return { name: 'oneOf', test: (value) => allowed.has(value), expected: `must be one of ${values.join(', ')}` };
}

/** An array whose items each satisfy `item`; `expected` describes the whole array. */
export function listOf(item: FieldCheck, expected: string, options: { readonly nonEmpty?: boolean } = {}): ListCheck {
  const nonEmpty = options.nonEmpty ?? false;
  return {
    name: `listOf:${item.name}`,
    test: (value) =>
      Array.isArray(value) && (!nonEmpty || value.length > 0) && value.every((entry: unknown) => item.test(entry)),
    expected,
    item,
    nonEmpty,
  };
}

/** Whether `check` is a {@link ListCheck}. */
export function isListCheck(check: FieldCheck): check is ListCheck {
  return 'item' in check;
}
