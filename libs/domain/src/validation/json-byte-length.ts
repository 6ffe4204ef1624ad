/**
 * Pushed under an object's children, to leave it once they are measured: an object met again while open is a cycle,
 * one met again after it closed is only shared, which JSON.stringify writes twice.
 */
class Leave {
  constructor(readonly object: object) {}
}

/**
 * The UTF-8 length of `JSON.stringify(value)`, measured with a stack of its own rather than by recursion, for values
 * nested deeper than JSON.stringify's recursion allows (a 64 KiB record can nest 30,000 arrays deep, and JSON.parse
 * reads it). Only what JSON text can hold is measured: `undefined` when the value holds anything else (a cycle, a
 * BigInt, a function or symbol where JSON.stringify would write `null` or leave it out, an object with `toJSON`).
 */
export function jsonByteLength(value: unknown): number | undefined {
  let bytes = 0;
  const pending: unknown[] = [value];
  const open = new Set<object>();
  while (pending.length > 0) {
    const next = pending.pop();
    if (next instanceof Leave) {
      open.delete(next.object);
      continue;
    }
    if (next === null || typeof next === 'boolean' || typeof next === 'number' || typeof next === 'string') {
      bytes += Buffer.byteLength(JSON.stringify(next));
      continue;
    }
    if (typeof next !== 'object' || open.has(next) || 'toJSON' in next) return undefined;
    open.add(next);
    pending.push(new Leave(next));
    const entries = Array.isArray(next) ? next.map((item: unknown) => [undefined, item] as const) : Object.entries(next);
    // Brackets, and a comma between entries.
    bytes += 2 + Math.max(entries.length - 1, 0);
    for (const [key, item] of entries) {
      if (key !== undefined) bytes += Buffer.byteLength(JSON.stringify(key)) + 1;
      pending.push(item);
    }
  }
  return bytes;
}
