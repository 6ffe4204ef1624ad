import { type ValidationProblem } from './validation-problem.js';

// A control character breaks logs, CSV exports and PostgreSQL's text (which cannot hold U+0000); an unpaired
// surrogate cannot be encoded as UTF-8 at all. Either could stop a store or a read model later (events.md v1.1).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const forbiddenCharacter = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function codePointName(character: string): string {
  return `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What is wrong with the characters of `text`, phrased to follow a path; undefined when nothing is. */
function characterProblem(text: string): string | undefined {
  const found = forbiddenCharacter.exec(text)?.[0];
  if (found === undefined) return undefined;
  const code = found.charCodeAt(0);
  return code >= 0xd800 && code <= 0xdfff
    ? `holds an unpaired UTF-16 surrogate (${codePointName(found)})`
    : `holds the control character ${codePointName(found)} (U+0000 to U+001F and U+007F are refused)`;
}

function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/**
 * Walks with a stack of its own rather than by recursion: a 64 KiB record can nest thousands of arrays deep, which
 * would overflow the call stack, and validation must never throw. Objects already seen are skipped, so an
 * in-memory cycle ends the walk too.
 */
function collect(root: unknown, problems: ValidationProblem[]): void {
  const pending: [unknown, string][] = [[root, '']];
  const seen = new WeakSet<object>();
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === 'string') {
      const message = characterProblem(value);
      if (message !== undefined) problems.push({ path, message });
      continue;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((item: unknown, index) => [String(index), item]) : Object.entries(value);
    for (const [key, item] of entries.reverse()) {
      const keyMessage = Array.isArray(value) ? undefined : characterProblem(key);
      // The key itself cannot name the place: JSON.stringify escapes what it holds, so the message stays readable.
      if (keyMessage !== undefined) problems.push({ path, message: `has a key that ${keyMessage}: ${JSON.stringify(key)}` });
      pending.push([item, childPath(path, key)]);
    }
  }
}

/**
 * Checks every string of an event, keys included, for control characters (U+0000 to U+001F, U+007F) and unpaired
 * UTF-16 surrogates, recording one problem per string at its path (a key's problem at the path of its object).
 * Whatever else becomes an event (an acknowledgement's note, a target's objective) is checked with it too, `at` the
 * place of the value in its request, so that the store never has to refuse what an API accepted.
 */
export function checkEventCharacters(value: unknown, problems: ValidationProblem[], at = ''): void {
  const found: ValidationProblem[] = [];
  collect(value, found);
  for (const { path, message } of found) problems.push({ path: path === '' ? at : at === '' ? path : `${at}.${path}`, message });
}
