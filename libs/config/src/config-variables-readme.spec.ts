import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { CONFIG_VARIABLES } from './config-variables.js';

const README = new URL('../../../README.md', import.meta.url);

/** The cells of each row of the first table under `## Configuration`, header and separator left out. */
function configurationTableRows(markdown: string): string[][] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Configuration\n'));
  if (section === undefined) throw new Error('README.md has no "## Configuration" section');
  const lines = section.split('\n');
  const start = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('|'));
  return lines
    .slice(start + 2, end === -1 ? undefined : end)
    .map((line) => line.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim()));
}

describe("README's Configuration table", () => {
  it('shows CONFIG_VARIABLES, in order: name, default, what it sets, the apps that read it', () => {
    const expected = CONFIG_VARIABLES.map((variable) => [
      `\`${variable.name}\``,
      'default' in variable ? `\`${variable.default}\`` : variable.whenUnset,
      variable.sets,
      variable.readBy.join(', '),
    ]);

    expect(configurationTableRows(readFileSync(README, 'utf8'))).toEqual(expected);
  });
});
