import { type ValidationProblem } from './validation-problem.js';

/** A CloudEvents extension attribute value as this contract keeps it. */
export type ExtensionValue = string | number | boolean;

// CloudEvents 1.0: attribute names are lower-case ASCII letters and digits, at most 20 characters.
const extensionName = /^[a-z0-9]{1,20}$/;

const badName =
  'is not an attribute of this contract; unknown attributes must be extension attributes named with 1 to 20 ' +
  'lower-case letters or digits';

function isExtensionValue(value: unknown): value is ExtensionValue {
  return (
    typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
  );
}

/**
 * Checks the attributes of `event` that are not in `contractAttributes` as CloudEvents extension attributes, and
 * returns the valid ones to be kept as metadata.
 */
export function readExtensionAttributes(
  event: Readonly<Record<string, unknown>>,
  contractAttributes: ReadonlySet<string>,
  problems: ValidationProblem[],
): Record<string, ExtensionValue> {
  const extensions: Record<string, ExtensionValue> = {};
  for (const name of Object.keys(event)) {
    if (contractAttributes.has(name)) continue;
    const value = event[name];
    if (!extensionName.test(name)) {
      problems.push({ path: name, message: badName });
    } else if (!isExtensionValue(value)) {
      problems.push({ path: name, message: 'must be a string, a number or a boolean (extension attribute)' });
    } else {
      // The name pattern excludes `__proto__`, so plain assignment cannot reach the prototype.
      extensions[name] = value;
    }
  }
  return extensions;
}
