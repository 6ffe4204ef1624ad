/**
 * The members of a string union as an OpenAPI `enum`, for a union with no runtime list to take them from. They are
 * given as the keys of a record typed by the union, so that the type checker refuses a list that misses a member or
 * names one that is not: the documentation cannot drift from the type.
 */
export function exhaustiveEnum<T extends string>(members: Readonly<Record<T, true>>): T[] {
  return Object.keys(members) as T[];
}
