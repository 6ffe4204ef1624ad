/** Whether `value` is a JSON object: not `null`, not an array, not a primitive. */
export function isJsonObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
