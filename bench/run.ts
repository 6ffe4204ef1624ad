/**
 * Runs the benchmark suites, all of them or those named on the command line (`npm run bench -- event-store`),
 * prints their figures and rewrites each one's section of bench/RESULTS.md.
 */
import { fileURLToPath } from 'node:url';
import { eventStoreSuite } from './event-store/event-store-suite.js';
import { ingestSuite } from './ingest/ingest-suite.js';
import { auditSuite } from './audit/audit-suite.js';
import { kpiSuite } from './kpi/kpi-suite.js';
import { liveSuite } from './live/live-suite.js';
import { historySuite } from './history/history-suite.js';
import { gatewaySuite } from './gateway/gateway-suite.js';
import type { BenchSuite, SuiteReport } from './harness/bench-suite.js';
import { toMarkdown, toText } from './harness/figure-table.js';
import { describeMachine } from './harness/machine.js';
import { writeSection } from './harness/results-file.js';

const SUITES: readonly BenchSuite[] = [eventStoreSuite, ingestSuite, auditSuite, kpiSuite, liveSuite, historySuite, gatewaySuite];
const RESULTS_FILE = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

async function main(names: readonly string[]): Promise<void> {
  const unknown = names.filter((name) => !SUITES.some((suite) => suite.name === name));
  if (unknown.length > 0) {
    console.error(`unknown suite(s): ${unknown.join(', ')}; known: ${SUITES.map((suite) => suite.name).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const selected = names.length > 0 ? SUITES.filter((suite) => names.includes(suite.name)) : SUITES;
  for (const suite of selected) {
    console.log(`\n== ${suite.name}: ${suite.title}`);
    const date = new Date().toISOString();
    const machine = describeMachine();
    const startedAt = process.hrtime.bigint();
    const report = await suite.run((line) => console.log(`   ${line}`));
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    for (const table of report.tables) console.log(`\n${toText(table)}`);
    for (const note of report.notes) console.log(`\n! ${note}`);
    writeSection(RESULTS_FILE, suite.name, renderSection(suite, report, { date, seconds, machine }));
    console.log(`\n(${seconds.toFixed(0)} s; section "${suite.name}" of bench/RESULTS.md rewritten)`);
  }
}

function renderSection(
  suite: BenchSuite,
  report: SuiteReport,
  { date, seconds, machine }: { date: string; seconds: number; machine: readonly string[] },
): string {
  return [
    `## ${suite.name}: ${suite.title}`,
    '',
    `- Command: ${commandLine()}`,
    `- Date: ${date} (suite took ${seconds.toFixed(0)} s)`,
    `- Machine: ${[...machine, ...report.environment].join('; ')}`,
    '',
    ...report.tables.flatMap((table) => [toMarkdown(table), '']),
    ...report.notes.map((note) => `- ${note}`),
  ].join('\n');
}

/** How this run was started, so that anyone can repeat it exactly. */
function commandLine(): string {
  const args = process.argv.slice(2);
  const node = ['node', ...process.execArgv, 'bench/run.ts', ...args].join(' ');
  if (process.env.npm_lifecycle_event !== 'bench') return `\`${node}\``;
  return `\`npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}\` (\`${node}\`)`;
}

await main(process.argv.slice(2));
