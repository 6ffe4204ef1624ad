import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const PREAMBLE = `# Benchmark results

Written by \`npm run bench\` (bench/run.ts): each suite rewrites only its own section, between its
\`<!-- bench:NAME -->\` markers. Text outside the markers is kept as it is.
`;

/** Replaces the section of suite `name` in the Markdown file `file`, or appends it, leaving the rest as it was. */
export function writeSection(file: string, name: string, body: string): void {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const section = `${open}\n${body.trim()}\n${close}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : PREAMBLE;
  const start = current.indexOf(open);
  const end = current.indexOf(close);
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + section + current.slice(end + close.length)
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
