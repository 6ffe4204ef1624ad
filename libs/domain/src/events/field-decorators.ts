import { IsDefined, ValidateBy, ValidateIf } from 'class-validator';

import { type FieldCheck, isListCheck } from './field-checks.js';

/**
 * Key under which a list rule travels in class-validator's error `contexts`, so the error mapper can name the
 * offending items (`data.hsCodes.1`) instead of the whole array.
 */
export const LIST_CHECK_CONTEXT = 'customsPulseListCheck';

/** The field must be present. Absent (or `null`) is reported once as `is required`, not as a wrong type too. */
export function Required(): PropertyDecorator {
  return IsDefined({ message: 'is required' });
}

/**
 * The field may be left out. Only absence is optional: an explicit `null` is checked, and refused, like any other
 * wrong value, so the stored data has one way of saying "not given".
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_data: object, value: unknown) => value !== undefined);
}

/** The field must satisfy `check`; the producer is told `check.expected`. */
export function Is(check: FieldCheck): PropertyDecorator {
  return ValidateBy(
    { name: check.name, validator: { validate: (value: unknown) => check.test(value) } },
    isListCheck(check)
      ? { message: check.expected, context: { [LIST_CHECK_CONTEXT]: check } }
      : { message: check.expected },
  );
}
