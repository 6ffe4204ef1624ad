/**
 * Canonical JSON in the manner of RFC 8785 (JCS): object keys sorted by UTF-16 code units, no white space,
 * numbers and strings as ECMAScript serializes them. Two parses of the same event give the same bytes whatever
 * their key order, which is what both dedupe ("same content") and the hash chain need.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no form for ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        // Indexed, not mapped: `map` skips the holes of a sparse array. JSON writes a hole or undefined as null.
        let text = '[';
        for (let index = 0; index < value.length; index += 1) {
          if (index > 0) text += ',';
          const element: unknown = value[index];
          text += element === undefined ? 'null' : canonicalJson(element);
        }
        return `${text}]`;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) {
        // A Date, Map or class instance has no canonical form; hashing it as {} would make different events equal.
        throw new TypeError(`canonical JSON has no form for a ${(value as object).constructor?.name ?? 'non-plain object'}`);
      }
      // One pass building the text: the chain hashes every appended event twice, so this is on the append path.
      const record = value as Record<string, unknown>;
      let text = '{';
      for (const key of Object.keys(record).sort()) {
        const member = record[key];
        if (member === undefined) continue;
        if (text.length > 1) text += ',';
        text += `${JSON.stringify(key)}:${canonicalJson(member)}`;
      }
      return `${text}}`;
    }
    default:
      throw new TypeError(`canonical JSON has no form for ${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`}`);
  }
}
