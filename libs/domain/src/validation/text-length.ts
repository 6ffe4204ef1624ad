/**
 * Whether `value` is a string of 1 to `max` characters. Characters are Unicode code points, as a producer counts
 * them; they are only counted when the UTF-16 length is over `max`, since it can never be below the code points.
 */
export function isStringOfLength(value: unknown, max: number): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  if (value.length <= max) return true;
  let characters = 0;
  for (const _character of value) {
    characters += 1;
    if (characters > max) return false;
  }
  return true;
}
