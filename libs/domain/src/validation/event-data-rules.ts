import { type ValidationError, type ValidatorOptions, ValidationTypes, validateSync } from 'class-validator';

import { EVENT_DATA_DTOS } from '../events/event-data-dtos.js';
import { type ProducerEventType } from '../events/event-types.js';
import { type ListCheck } from '../events/field-checks.js';
import { LIST_CHECK_CONTEXT } from '../events/field-decorators.js';
import { type ValidationProblem } from './validation-problem.js';

const validatorOptions: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  // Each field states everything it expects in one message, so one failed constraint per field says it all.
  stopAtFirstError: true,
  // The mapper reads values from the data itself; not copying them into every error saves work per event.
  validationError: { target: false, value: false },
};

/**
 * Keys that cannot be copied onto a DTO instance: `__proto__` would replace its prototype, and class-validator
 * finds a DTO's rules through `constructor`. Neither is a field of any event.
 */
const UNSAFE_KEYS = ['__proto__', 'constructor'] as const;

function notAField(type: ProducerEventType, field: string): ValidationProblem {
  return { path: `data.${field}`, message: `is not a field of ${type}` };
}

function withoutUnsafeKeys(
  type: ProducerEventType,
  data: Readonly<Record<string, unknown>>,
  problems: ValidationProblem[],
): Readonly<Record<string, unknown>> {
  if (!UNSAFE_KEYS.some((key) => Object.hasOwn(data, key))) return data;
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(data)) {
    if ((UNSAFE_KEYS as readonly string[]).includes(key)) problems.push(notAField(type, key));
    else fields[key] = data[key];
  }
  return fields;
}

function listProblems(path: string, value: unknown, list: ListCheck): ValidationProblem[] {
  if (!Array.isArray(value) || (list.nonEmpty && value.length === 0)) return [{ path, message: list.expected }];
  return value.flatMap((item: unknown, index) =>
    list.item.test(item) ? [] : [{ path: `${path}.${index}`, message: list.item.expected }],
  );
}

function problemsOf(
  type: ProducerEventType,
  data: Readonly<Record<string, unknown>>,
  error: ValidationError,
): ValidationProblem[] {
  const path = `data.${error.property}`;
  const constraints = error.constraints ?? {};
  if (constraints[ValidationTypes.WHITELIST] !== undefined) return [notAField(type, error.property)];
  return Object.entries(constraints).flatMap(([constraint, message]) => {
    const list = error.contexts?.[constraint]?.[LIST_CHECK_CONTEXT] as ListCheck | undefined;
    return list === undefined ? [{ path, message }] : listProblems(path, data[error.property], list);
  });
}

/**
 * Checks `data` against the DTO of `type`, recording each problem found: missing and unknown fields, wrong types,
 * values out of range, and each bad item of a list.
 */
export function checkEventData(
  type: ProducerEventType,
  data: Readonly<Record<string, unknown>>,
  problems: ValidationProblem[],
): void {
  const fields = withoutUnsafeKeys(type, data, problems);
  const dto = Object.assign(new EVENT_DATA_DTOS[type](), fields);
  for (const error of validateSync(dto, validatorOptions)) problems.push(...problemsOf(type, data, error));
}
